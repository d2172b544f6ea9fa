package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.proxy.OriginServers.Received;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the data streams captured from the real cloudflared (vectors README, {@code quic-data-*}) against an origin
 * that answers like the capture's Python origin, and compares our responses with cloudflared's.
 */
class GoldenVectorsTests {

    private ProxyFixture fixture;
    private IngressRules rules;
    private int closedPort;

    @BeforeEach
    void startOrigin() throws IOException {
        this.fixture = new ProxyFixture();
        int port = this.fixture.servers.http(GoldenVectorsTests::answerLikeTheGoldenOrigin);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.closedPort = socket.getLocalPort();
        }
        this.rules = rules(
                rule("test.example.com", "http://127.0.0.1:" + port),
                rule("down.example.com", "http://127.0.0.1:" + this.closedPort),
                rule(null, "http_status:404"));
    }

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void getIsAnsweredLikeCloudflaredAndTheOriginSeesItsHeaders() throws Exception {
        Replay replay = replay("http-get");

        assertSameResponse(replay, "http-get");
        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.uri()).isEqualTo("/hello?x=1");
        assertThat(seen.headers())
                .containsExactlyInAnyOrder(
                        Map.entry("Host", "test.example.com"),
                        Map.entry("User-Agent", "golden/1"),
                        Map.entry("Accept", "*/*"),
                        Map.entry("Cf-Warp-Tag-Id", ProxyFixture.CONNECTOR_ID.toString()),
                        Map.entry("Connection", "keep-alive"),
                        Map.entry("Accept-Encoding", "gzip"));
    }

    @Test
    void postForwardsTheBodyWithItsContentLength() throws Exception {
        Replay replay = replay("http-post");

        assertSameResponse(replay, "http-post");
        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.header("Content-Length")).isEqualTo("11");
        assertThat(seen.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.body()).isEqualTo("hello=world");
    }

    @Test
    void unreachableOriginIsReportedWithGoDialText() throws Exception {
        Replay replay = replay("origin-unreachable");

        ConnectResponse expected = expectedResponse("origin-unreachable");
        assertThat(replay.response.error())
                .isEqualTo(expected.error().replace("127.0.0.1:9:", "127.0.0.1:" + this.closedPort + ":"));
        assertThat(replay.response.metadata()).isEmpty();
        assertThat(replay.stream.bodyBytes()).isEmpty();
    }

    @Test
    void requestMatchingNoHostnameGetsTheCatchAllStatusByteForByte() throws Exception {
        Replay replay = replay("no-ingress-match");

        assertThat(replay.response.encode()).isEqualTo(capnpPart(vector("no-ingress-match-c2s")));
        assertThat(replay.stream.bodyBytes()).isEmpty();
        assertThat(replay.result.ruleIndex()).isEqualTo(2);
        assertThat(replay.result.status()).isEqualTo(404);
    }

    @Test
    void websocketUpgradeIsPipedBothWays() throws Exception {
        Replay replay = replay("websocket");

        assertSameResponse(replay, "websocket");
        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.header("Connection")).isEqualTo("Upgrade");
        assertThat(seen.header("Upgrade")).isEqualTo("websocket");
        assertThat(seen.header("Sec-Websocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(seen.header("Sec-Websocket-Version")).isEqualTo("13");
    }

    private Replay replay(String name) throws Exception {
        ByteBuffer s2c = ByteBuffer.wrap(vector(name + "-s2c"));
        s2c.position(8);
        ConnectRequest request = ConnectRequest.decode(s2c, ReaderOptions.DEFAULT);
        byte[] body = Arrays.copyOfRange(s2c.array(), s2c.position(), s2c.limit());
        MemoryDataStream stream = this.fixture.stream(request);
        var done = this.fixture.proxy(stream, this.rules);
        if (body.length > 0) {
            stream.send(body);
        }
        if (request.type() != io.tunnelagent.protocol.stream.ConnectionType.WEBSOCKET) {
            stream.endInput();
        }
        ConnectResponse response = stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        ProxyResult result = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stream.outputEnded().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new Replay(stream, response, result);
    }

    private static void assertSameResponse(Replay replay, String name) throws IOException {
        byte[] c2s = vector(name + "-c2s");
        ByteBuffer buffer = ByteBuffer.wrap(c2s);
        buffer.position(8);
        ConnectResponse expected = ConnectResponse.decode(buffer, ReaderOptions.DEFAULT);
        byte[] expectedBody = Arrays.copyOfRange(c2s, buffer.position(), c2s.length);
        assertThat(replay.response.error()).isEqualTo(expected.error());
        assertThat(replay.response.metadata()).containsExactlyInAnyOrderElementsOf(expected.metadata());
        assertThat(replay.stream.bodyBytes()).isEqualTo(expectedBody);
        assertThat(replay.result.error()).isEmpty();
        assertThat(replay.stream.responseCount()).isEqualTo(1);
    }

    private static ConnectResponse expectedResponse(String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(vector(name + "-c2s"));
        buffer.position(8);
        return ConnectResponse.decode(buffer, ReaderOptions.DEFAULT);
    }

    private static byte[] capnpPart(byte[] c2s) {
        return Arrays.copyOfRange(c2s, 8, c2s.length);
    }

    private static byte[] vector(String name) throws IOException {
        try (InputStream in = GoldenVectorsTests.class.getResourceAsStream("/vectors/quic-data-" + name + ".bin")) {
            assertThat(in).as("vector " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The capture's Python origin: fixed /hello answer, /echo, and a WebSocket echo on /ws. */
    static void answerLikeTheGoldenOrigin(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, String> headers = Map.of("Content-Type", "text/plain; charset=utf-8", "X-Golden", "1");
        if (request.uri().startsWith("/hello")) {
            OriginServers.text(ctx, "hello golden\n", headers);
        } else if (request.uri().equals("/echo")) {
            OriginServers.text(ctx, "echo:" + request.content().toString(StandardCharsets.UTF_8) + "\n", headers);
        } else if (request.uri().equals("/ws")) {
            upgrade(ctx, request.headers().get("Sec-WebSocket-Key"));
        } else {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
        }
    }

    private static void upgrade(ChannelHandlerContext ctx, String key) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
        response.headers().set("Upgrade", "websocket");
        response.headers().set("Connection", "Upgrade");
        response.headers().set("Sec-WebSocket-Accept", accept(key));
        ctx.writeAndFlush(response);
        var pipeline = ctx.pipeline();
        pipeline.addAfter("codec", "ws-decoder", new WebSocket13FrameDecoder(true, false, 65536));
        pipeline.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.addAfter("ws-encoder", "ws-echo", new SimpleChannelInboundHandler<WebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext c, WebSocketFrame frame) {
                if (frame instanceof CloseWebSocketFrame) {
                    c.writeAndFlush(frame.retain()).addListener(ChannelFutureListener.CLOSE);
                } else {
                    c.writeAndFlush(frame.retain());
                }
            }
        });
        for (String name : List.of("aggregator", "raw-headers", "handler", "codec")) {
            pipeline.remove(name);
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record Replay(MemoryDataStream stream, ConnectResponse response, ProxyResult result) {}
}
