package io.tunnelagent.transport.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.IncomingConfigurationUpdate;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.headers.ConfigurationJson;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Http2TransportTests {

    private static EventLoopGroup group;
    private TunnelPair pair;

    @BeforeAll
    static void startLoop() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closePair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void connectionsReportTheirRolesAndProtocol() {
        pair = TunnelPair.connect(group);
        assertThat(pair.connector().role()).isEqualTo(TunnelRole.CONNECTOR);
        assertThat(pair.edge().role()).isEqualTo(TunnelRole.EDGE);
        assertThat(pair.connector().protocol()).isEqualTo(TransportProtocol.HTTP2);
        assertThat(pair.connector().remoteAddress()).isEqualTo(pair.edge().localAddress());
    }

    @Test
    void controlStreamCarriesBytesBothWays() {
        pair = TunnelPair.connect(group);
        TunnelStream edgeSide = await(pair.edge().controlStream());
        TunnelStream connectorSide = await(pair.connector().controlStream());
        StreamRecorder atEdge = StreamRecorder.on(edgeSide);
        StreamRecorder atConnector = StreamRecorder.on(connectorSide);

        await(connectorSide.write(ascii("bootstrap")));
        await(edgeSide.write(ascii("return")));

        awaitCondition(
                () -> atEdge.text().equals("bootstrap") && atConnector.text().equals("return"));
        assertThat(pair.edge().controlStream()).isSameAs(pair.edge().controlStream());
    }

    @Test
    void edgeOpensFiftyConcurrentStreamsAndEachIsEchoed() throws InterruptedException {
        pair = TunnelPair.connect(group);
        List<OutgoingDataStream> outgoing = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outgoing.add(await(pair.edge().openDataStream(httpRequest("POST", "/echo/" + i))));
        }
        for (int i = 0; i < 50; i++) {
            IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
            echo(incoming);
        }
        List<StreamRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TunnelStream stream = outgoing.get(i).stream();
            recorders.add(StreamRecorder.on(stream));
            stream.write(ascii("body " + i));
            stream.shutdownOutput();
        }
        for (int i = 0; i < 50; i++) {
            ConnectResponse response = await(outgoing.get(i).response());
            assertThat(response.metadata()).contains(new Metadata(Metadata.HTTP_STATUS, "200"));
            await(recorders.get(i).inputEnded());
            assertThat(recorders.get(i).text()).isEqualTo("echo:/echo/" + i + ":body " + i);
        }
    }

    @Test
    void responsesWrittenBackToBackFromAnotherThreadAllArriveIntact() throws InterruptedException {
        pair = TunnelPair.connect(group);
        List<OutgoingDataStream> outgoing = new ArrayList<>();
        List<IncomingDataStream> incoming = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outgoing.add(await(pair.edge().openDataStream(httpRequest("GET", "/" + i))));
            incoming.add((IncomingDataStream) pair.nextIncoming());
        }
        for (int i = 0; i < 20; i++) {
            incoming.get(i)
                    .respond(
                            i % 2 == 0
                                    ? new ConnectResponse(
                                            "",
                                            List.of(
                                                    new Metadata(Metadata.HTTP_STATUS, "200"),
                                                    Metadata.header("X-Index", String.valueOf(i))))
                                    : new ConnectResponse("refused " + i, List.of()));
        }
        for (int i = 0; i < 20; i++) {
            ConnectResponse response = await(outgoing.get(i).response());
            if (i % 2 == 0) {
                assertThat(response.metadata()).contains(Metadata.header("X-Index", String.valueOf(i)));
            } else {
                assertThat(response.isError()).isTrue();
            }
        }
    }

    @Test
    void connectorMayRespondAndWriteTheBodyFromItsEventLoop() {
        pair = TunnelPair.connect(group);
        pair.connector().setIncomingStreamHandler(stream -> {
            IncomingDataStream data = (IncomingDataStream) stream;
            data.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200"))));
            data.stream().write(ascii("written inline"));
            data.stream().shutdownOutput();
        });
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("GET", "/inline")));
        StreamRecorder atEdge = StreamRecorder.on(outgoing.stream());

        assertThat(await(outgoing.response()).metadata()).contains(new Metadata(Metadata.HTTP_STATUS, "200"));
        await(atEdge.inputEnded());
        assertThat(atEdge.text()).isEqualTo("written inline");
        assertThat(outgoing.stream().id()).isOdd();
    }

    @Test
    void responseHeadReachesAnEdgeStreamWithoutReaderAfterAWindowUpdate() throws InterruptedException {
        pair = TunnelPair.connect(group, Http2Options.defaults().withWindows(65535, 65535), SslProvider.JDK);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("POST", "/upload-first")));
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        StreamRecorder atConnector = StreamRecorder.on(incoming.stream());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(outgoing.stream().write(Unpooled.wrappedBuffer(new byte[16 * 1024])));
        }
        // The last writes fit only into the window the connector gave back: when they complete, the stream's
        // WINDOW_UPDATE has reached the edge (as a frame on the stream channel, before any response head).
        await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
        awaitCondition(() -> atConnector.received() == 6 * 16 * 1024);

        incoming.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200"))));

        assertThat(await(outgoing.response()).metadata()).contains(new Metadata(Metadata.HTTP_STATUS, "200"));
    }

    @Test
    void bytesFlowBothWaysWithHalfClose() throws InterruptedException {
        pair = TunnelPair.connect(group);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("POST", "/upload")));
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        StreamRecorder atConnector = StreamRecorder.on(incoming.stream());
        StreamRecorder atEdge = StreamRecorder.on(outgoing.stream());

        await(outgoing.stream().write(ascii("request body")));
        await(outgoing.stream().shutdownOutput());
        await(atConnector.inputEnded());
        assertThat(atConnector.text()).isEqualTo("request body");

        await(incoming.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "201")))));
        await(incoming.stream().write(ascii("still writing after the request ended")));
        await(incoming.stream().shutdownOutput());

        assertThat(await(outgoing.response()).metadata()).contains(new Metadata(Metadata.HTTP_STATUS, "201"));
        await(atEdge.inputEnded());
        assertThat(atEdge.text()).isEqualTo("still writing after the request ended");
        await(atEdge.closed());
        await(atConnector.closed());
    }

    @Test
    void resetFromTheEdgeReachesTheConnectorWithItsCode() throws InterruptedException {
        pair = TunnelPair.connect(group);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("GET", "/slow")));
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        StreamRecorder atConnector = StreamRecorder.on(incoming.stream());

        outgoing.stream().reset(0x8);

        assertThat(await(atConnector.reset())).isEqualTo(0x8L);
        await(atConnector.closed());
    }

    @Test
    void connectorKeepsTheConnectionWhenTheEdgeResetsMoreThanNettysRapidResetLimitOfStreams()
            throws InterruptedException {
        pair = TunnelPair.connect(group);
        for (int i = 0; i < 250; i++) {
            OutgoingDataStream cancelled = await(pair.edge().openDataStream(httpRequest("GET", "/visitor-left/" + i)));
            StreamRecorder atConnector = StreamRecorder.on(((IncomingDataStream) pair.nextIncoming()).stream());
            cancelled.stream().reset(0x8);
            await(atConnector.reset());
        }

        OutgoingDataStream after = await(pair.edge().openDataStream(httpRequest("GET", "/after")));
        ((IncomingDataStream) pair.nextIncoming())
                .respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200"))));

        assertThat(await(after.response()).metadata()).contains(new Metadata(Metadata.HTTP_STATUS, "200"));
        assertThat(pair.connector().closeFuture()).isNotDone();
    }

    @Test
    void resetFromTheConnectorAfterTheResponseReachesTheEdgeWithItsCode() throws InterruptedException {
        pair = TunnelPair.connect(group);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("GET", "/fail-late")));
        StreamRecorder atEdge = StreamRecorder.on(outgoing.stream());
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        await(incoming.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200")))));
        await(outgoing.response());

        incoming.stream().reset(0x2);

        assertThat(await(atEdge.reset())).isEqualTo(0x2L);
    }

    @Test
    void errorResponseReachesTheEdgeAsAnErrorWithTheRateLimitFlag() throws InterruptedException {
        pair = TunnelPair.connect(group);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("GET", "/limited")));
        StreamRecorder atEdge = StreamRecorder.on(outgoing.stream());
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();

        incoming.respond(new ConnectResponse(
                "too many flows", List.of(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true"))));

        ConnectResponse response = await(outgoing.response());
        assertThat(response.isError()).isTrue();
        assertThat(response.metadata())
                .contains(
                        new Metadata(Metadata.HTTP_STATUS, "502"),
                        new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true"));
        await(atEdge.inputEnded());
    }

    @Test
    void webSocketUpgradeAnswerReadsAs101AtTheEdge() throws InterruptedException {
        pair = TunnelPair.connect(group);
        ConnectRequest request = new ConnectRequest(
                "/ws",
                ConnectionType.WEBSOCKET,
                List.of(
                        new Metadata(Metadata.HTTP_METHOD, "GET"),
                        new Metadata(Metadata.HTTP_HOST, "ws.example.com"),
                        Metadata.header("Connection", "Upgrade"),
                        Metadata.header("Upgrade", "websocket"),
                        Metadata.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(request));
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        assertThat(incoming.request().type()).isEqualTo(ConnectionType.WEBSOCKET);
        assertThat(incoming.request().metadata())
                .contains(Metadata.header("Sec-Websocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
                .noneMatch(entry -> entry.key().equalsIgnoreCase("HttpHeader:Upgrade"));

        await(incoming.respond(new ConnectResponse(
                "",
                List.of(
                        new Metadata(Metadata.HTTP_STATUS, "101"),
                        Metadata.header("Sec-Websocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")))));

        assertThat(await(outgoing.response()).metadata())
                .contains(
                        new Metadata(Metadata.HTTP_STATUS, "101"),
                        Metadata.header("Sec-Websocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    @Test
    void tcpStreamCarriesItsDestinationAsAuthority() throws InterruptedException {
        pair = TunnelPair.connect(group);
        ConnectRequest request = new ConnectRequest(
                "10.0.0.7:22", ConnectionType.TCP, List.of(new Metadata(Metadata.FLOW_ID, "flow-1")));
        await(pair.edge().openDataStream(request));

        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();

        assertThat(incoming.request().type()).isEqualTo(ConnectionType.TCP);
        assertThat(incoming.request().dest()).isEqualTo("10.0.0.7:22");
        assertThat(incoming.request().metadata()).contains(Metadata.header("Cf-Cloudflared-Proxy-Src", "flow-1"));
    }

    @Test
    void configurationUpdateRoundTripsVersionAndAnswer() throws InterruptedException {
        pair = TunnelPair.connect(group);
        byte[] config = "{\"ingress\":[{\"service\":\"http_status:404\"}]}".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<ConfigurationJson.Answer> applied = pair.edge().pushConfiguration(7, config);
        IncomingConfigurationUpdate update = (IncomingConfigurationUpdate) pair.nextIncoming();
        assertThat(update.version()).isEqualTo(7);
        assertThat(update.config()).isEqualTo(config);
        update.respond(7, null);
        assertThat(await(applied)).isEqualTo(new ConfigurationJson.Answer(7, null));

        CompletableFuture<ConfigurationJson.Answer> refused = pair.edge().pushConfiguration(8, "{}".getBytes());
        ((IncomingConfigurationUpdate) pair.nextIncoming()).respond(7, "ingress must end with a catch-all rule");
        assertThat(await(refused)).isEqualTo(new ConfigurationJson.Answer(7, "ingress must end with a catch-all rule"));
    }

    @Test
    void closeCodeArrivesAtThePeer() {
        pair = TunnelPair.connect(group);
        await(pair.edge().close(0x2, "shutting down"));

        ConnectionClosed atConnector = await(pair.connector().closeFuture());
        assertThat(atConnector.byPeer()).isTrue();
        assertThat(atConnector.errorCode()).isEqualTo(0x2);
        assertThat(atConnector.reason()).isEqualTo("shutting down");
        ConnectionClosed atEdge = await(pair.edge().closeFuture());
        assertThat(atEdge.byPeer()).isFalse();
        assertThat(atEdge.errorCode()).isEqualTo(0x2);
    }

    @Test
    void datagramsAreUnsupported() {
        pair = TunnelPair.connect(group);
        assertThat(pair.connector().maxDatagramSize()).isZero();
        assertThat(pair.edge().maxDatagramSize()).isZero();
        ByteBuf datagram = ascii("udp");

        assertThatThrownBy(() -> pair.connector().sendDatagram(datagram).join())
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("no datagrams");
        assertThat(datagram.refCnt()).isZero();
        assertThatThrownBy(() -> pair.connector().openRpcStream()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jdkTlsProviderOnTheEdgeWorksToo() {
        pair = TunnelPair.connect(group, Http2Options.defaults(), SslProvider.JDK);
        TunnelStream control = await(pair.edge().controlStream());
        StreamRecorder atConnector = StreamRecorder.on(await(pair.connector().controlStream()));
        await(control.write(ascii("hello")));
        awaitCondition(() -> atConnector.text().equals("hello"));
    }

    @Test
    void pausedReaderPushesBackOnTheWriter() throws InterruptedException {
        pair = TunnelPair.connect(group, Http2Options.defaults().withWindows(65535, 65535), SslProvider.JDK);
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("POST", "/big")));
        IncomingDataStream incoming = (IncomingDataStream) pair.nextIncoming();
        StreamRecorder atConnector = StreamRecorder.on(incoming.stream());
        incoming.stream().setAutoRead(false);

        ChannelTunnelStream writer = (ChannelTunnelStream) outgoing.stream();
        List<CompletableFuture<Void>> writes = writeUntilUnwritable(writer, 8 << 20);
        long written = writes.size() * 16L * 1024;
        assertThat(writer.isWritable()).isFalse();
        assertThat(written).isLessThan(1L << 20);
        long receivedWhilePaused = atConnector.received();
        assertThat(receivedWhilePaused).isLessThanOrEqualTo(65535);

        incoming.stream().setAutoRead(true);
        await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
        awaitCondition(() -> atConnector.received() == written);
        // Writability comes back with the connector's last WINDOW_UPDATE, which may still be on its way.
        awaitCondition(writer::isWritable);
    }

    @Test
    void streamNobodyReadsIsClosedWithItsConnectionSoWhatItReceivedIsReleased() throws InterruptedException {
        pair = TunnelPair.connect(group);
        TunnelStream edgeControl = await(pair.edge().controlStream());
        StreamRecorder atConnector = StreamRecorder.on(await(pair.connector().controlStream()));
        OutgoingDataStream outgoing = await(pair.edge().openDataStream(httpRequest("POST", "/unread")));
        TunnelStream unread = pair.nextIncoming().stream();
        await(outgoing.stream().write(ascii("body nobody reads")));
        await(outgoing.stream().shutdownOutput());
        // Sent after the body on the same connection: once it arrived, the body waits unread at the connector.
        await(edgeControl.write(ascii("after the body")));
        awaitCondition(() -> atConnector.text().equals("after the body"));

        await(pair.connector().close(0, "connector gone"));
        await(unread.closeFuture());
    }

    private static List<CompletableFuture<Void>> writeUntilUnwritable(ChannelTunnelStream writer, long limit) {
        return writer.channel()
                .eventLoop()
                .submit(() -> {
                    List<CompletableFuture<Void>> writes = new ArrayList<>();
                    long written = 0;
                    while (writer.isWritable() && written < limit) {
                        writes.add(writer.write(Unpooled.wrappedBuffer(new byte[16 * 1024])));
                        written += 16 * 1024;
                    }
                    return writes;
                })
                .syncUninterruptibly()
                .getNow();
    }

    private static void echo(IncomingDataStream incoming) {
        String prefix = "echo:" + incoming.request().dest() + ":";
        incoming.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200"))));
        incoming.stream().write(ascii(prefix));
        incoming.stream().setInboundHandler(new io.tunnelagent.transport.StreamInboundHandler() {
            @Override
            public void onData(TunnelStream stream, ByteBuf data) {
                stream.write(data);
            }

            @Override
            public void onInputShutdown(TunnelStream stream) {
                stream.shutdownOutput();
            }
        });
    }

    static ConnectRequest httpRequest(String method, String path) {
        return new ConnectRequest(
                path,
                ConnectionType.HTTP,
                List.of(
                        new Metadata(Metadata.HTTP_METHOD, method),
                        new Metadata(Metadata.HTTP_HOST, "app.example.com"),
                        Metadata.header("User-Agent", "tests/1")));
    }

    static ByteBuf ascii(String text) {
        return ByteBufUtil.writeAscii(io.netty.buffer.ByteBufAllocator.DEFAULT, text);
    }

    static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @SuppressWarnings("unused")
    private static IncomingStream unused(IncomingStream stream) {
        return stream;
    }
}
