package io.tunnelagent.core.connector.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.edge.registration.LiveConnection;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The edge's captured requests (golden vectors, {@code quic-data-*-s2c}) sent over a live connection to a real
 * {@code TunnelConnector} — its transport, dispatcher, ingress and proxy — with the capture's configuration and an
 * origin that answers like the capture's; the answers must equal cloudflared's ({@code quic-data-*-c2s}) but for
 * the header order, which the vectors README names as variable.
 */
class VectorsIntegrationTests {

    @RegisterExtension
    final TunnelFixture fixture = new TunnelFixture();

    private final int closedPort = TestOrigins.closedPort();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void capturedGetIsAnsweredAsCloudflaredDid(Transport transport) throws Exception {
        startConnector(transport);

        assertAnsweredAsCloudflared(replay("http-get"), "http-get");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void capturedPostIsAnsweredAsCloudflaredDid(Transport transport) throws Exception {
        startConnector(transport);

        assertAnsweredAsCloudflared(replay("http-post"), "http-post");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void capturedRequestMatchingNoHostnameGetsTheCatchAllStatus(Transport transport) throws Exception {
        startConnector(transport);

        assertAnsweredAsCloudflared(replay("no-ingress-match"), "no-ingress-match");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void capturedRequestForADownOriginGetsCloudflaredsError(Transport transport) throws Exception {
        startConnector(transport);

        Replay replay = replay("origin-unreachable");

        ConnectResponse expected = cloudflared("origin-unreachable").response();
        assertThat(replay.response().isError()).isTrue();
        assertThat(replay.body()).isEmpty();
        if (transport.carriesErrorText()) {
            assertThat(replay.response().error())
                    .isEqualTo(expected.error().replace("127.0.0.1:9:", "127.0.0.1:" + this.closedPort + ":"));
        }
    }

    private void startConnector(Transport transport) throws Exception {
        List<IngressRuleDefinition> capture = List.of(
                IngressRuleDefinition.of(
                        "test.example.com",
                        "http://127.0.0.1:" + this.fixture.origins().golden()),
                IngressRuleDefinition.of("down.example.com", "http://127.0.0.1:" + this.closedPort),
                IngressRuleDefinition.of(null, "http_status:404"));
        this.fixture.started(this.fixture.connector(transport, capture));
    }

    /** Opens a stream on the connector's live connection with the captured request and body; reads the answer. */
    private Replay replay(String name) throws Exception {
        Captured captured = captured(name + "-s2c");
        ConnectRequest request = ConnectRequest.decode(ByteBuffer.wrap(captured.capnp()), ReaderOptions.DEFAULT);
        assertThat(request.encode()).as("re-encoded request").isEqualTo(captured.capnp());
        LiveConnection live = this.fixture
                .edge()
                .connections()
                .connections(this.fixture.tunnel().id())
                .get(0);
        OutgoingDataStream stream = live.transport().openDataStream(request).get(10, TimeUnit.SECONDS);
        BodyReader reader = new BodyReader();
        stream.stream().setInboundHandler(reader);
        if (captured.body().length > 0) {
            stream.stream().write(Unpooled.wrappedBuffer(captured.body()));
        }
        stream.stream().shutdownOutput();
        ConnectResponse response = stream.response().get(10, TimeUnit.SECONDS);
        return new Replay(response, reader.ended.get(10, TimeUnit.SECONDS));
    }

    private static void assertAnsweredAsCloudflared(Replay replay, String name) throws IOException {
        Answer expected = cloudflared(name);
        assertThat(replay.response().error()).isEqualTo(expected.response().error());
        assertThat(replay.response().metadata())
                .containsExactlyInAnyOrderElementsOf(expected.response().metadata());
        assertThat(replay.body()).isEqualTo(expected.body());
    }

    private static Answer cloudflared(String name) throws IOException {
        Captured captured = captured(name + "-c2s");
        return new Answer(
                ConnectResponse.decode(ByteBuffer.wrap(captured.capnp()), ReaderOptions.DEFAULT), captured.body());
    }

    /** A captured data stream: 8 bytes of signature and version, the Cap'n Proto message, the body. */
    private static Captured captured(String name) throws IOException {
        byte[] bytes;
        try (InputStream in =
                VectorsIntegrationTests.class.getResourceAsStream("/vectors/quic-data-" + name + ".bin")) {
            assertThat(in).as("vector " + name).isNotNull();
            bytes = in.readAllBytes();
        }
        int end = messageEnd(bytes);
        return new Captured(Arrays.copyOfRange(bytes, 8, end), Arrays.copyOfRange(bytes, end, bytes.length));
    }

    /** The end of the single-segment Cap'n Proto message that starts at byte 8 (its segment table gives its size). */
    private static int messageEnd(byte[] bytes) {
        ByteBuffer table = ByteBuffer.wrap(bytes, 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(table.getInt()).as("segment count - 1").isZero();
        return 8 + 8 + table.getInt() * 8;
    }

    private record Captured(byte[] capnp, byte[] body) {}

    private record Answer(ConnectResponse response, byte[] body) {}

    private record Replay(ConnectResponse response, byte[] body) {}

    /** Collects the response body until the connector ends the stream. */
    private static final class BodyReader implements StreamInboundHandler {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private final CompletableFuture<byte[]> ended = new CompletableFuture<>();

        @Override
        public void onData(TunnelStream stream, ByteBuf data) {
            synchronized (this.body) {
                this.body.writeBytes(ByteBufUtil.getBytes(data));
            }
            data.release();
        }

        @Override
        public void onInputShutdown(TunnelStream stream) {
            end();
        }

        @Override
        public void onClosed(TunnelStream stream) {
            end();
        }

        private void end() {
            synchronized (this.body) {
                this.ended.complete(this.body.toByteArray());
            }
        }
    }
}
