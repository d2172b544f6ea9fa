package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http2Origin: true}: HTTP/2 towards TLS origins that accept {@code h2} by ALPN, as Go's transport does. */
class Http2OriginProxyTests {

    private static final long LARGE = 8L * 1024 * 1024;

    private final ProxyFixture fixture = new ProxyFixture();

    private final TestCertificates certificate = TestCertificates.selfSigned("origin.test");

    private final Http2Origins origins = new Http2Origins(this.fixture.group, this.certificate);

    private String pem = "";

    Http2OriginProxyTests() throws Exception {}

    @BeforeEach
    void writeCaPool(@TempDir Path directory) throws Exception {
        this.pem = this.certificate.writePem(directory).toString();
    }

    @AfterEach
    void stop() {
        this.origins.close();
        this.fixture.close();
    }

    @Test
    void requestIsSentAsHttp2WithTheHttp11HeaderRules() throws Exception {
        int port = this.origins.aggregating((ctx, request) -> OriginServers.text(
                ctx, "over h2: " + request.content().toString(StandardCharsets.UTF_8), Map.of("X-Origin", "yes")));
        IngressRules rules = rules(rule(null, "https://127.0.0.1:" + port, http2(o -> o.setHttpHostHeader("inner"))));
        MemoryDataStream stream = this.fixture.stream(
                http("POST", "app.example.com", "/submit?x=1", "Content-Length", "5", "Accept", "text/plain"));

        var done = this.fixture.proxy(stream, rules);
        stream.send("hello");
        stream.endInput();

        assertThat(done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("over h2: hello");
        assertThat(stream.response().get().metadata())
                .containsExactlyInAnyOrder(
                        new Metadata("HttpStatus", "200"),
                        Metadata.header("X-Origin", "yes"),
                        Metadata.header("Content-Length", "14"));
        Http2Origins.Head head = this.origins.heads.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(head.get(":method")).isEqualTo("POST");
        assertThat(head.get(":scheme")).isEqualTo("https");
        assertThat(head.get(":authority")).isEqualTo("inner");
        assertThat(head.get(":path")).isEqualTo("/submit?x=1");
        assertThat(head.get("x-forwarded-host")).isEqualTo("app.example.com");
        assertThat(head.get("cf-warp-tag-id")).isEqualTo(ProxyFixture.CONNECTOR_ID.toString());
        assertThat(head.get("content-length")).isEqualTo("5");
        assertThat(head.get("accept-encoding")).isEqualTo("gzip");
        assertThat(head.get("accept")).isEqualTo("text/plain");
        assertThat(head.get("connection")).isNull();
        assertThat(head.get("host")).isNull();
    }

    @Test
    void concurrentRequestsShareOneConnectionAsStreams() throws Exception {
        int requests = 5;
        List<ChannelHandlerContext> waiting = new ArrayList<>();
        int port = this.origins.aggregating((ctx, request) -> {
            synchronized (waiting) {
                waiting.add(ctx);
                if (waiting.size() == requests) {
                    waiting.forEach(held -> OriginServers.text(held, "together", Map.of()));
                }
            }
        });
        IngressRules rules = rules(rule(null, "https://127.0.0.1:" + port, http2(o -> {})));

        List<CompletableFuture<ProxyResult>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            results.add(this.fixture.proxy(this.fixture.stream(http("GET", "app.example.com", "/" + i)), rules));
        }

        for (CompletableFuture<ProxyResult> result : results) {
            assertThat(result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status())
                    .isEqualTo(200);
        }
        assertThat(this.origins.connections).hasSize(1);
        assertThat(this.origins.heads).hasSize(requests);
        assertThat(this.origins.heads.stream()
                        .map(Http2Origins.Head::connection)
                        .distinct())
                .hasSize(1);
    }

    @Test
    void largeDownloadIsFlowControlledWithBoundedBuffering() throws Exception {
        int port = this.origins.aggregating((ctx, request) -> OriginServers.streamZeros(ctx, LARGE));
        IngressRules rules = rules(rule(null, "https://127.0.0.1:" + port, http2(o -> {})));
        MemoryDataStream stream =
                this.fixture.stream(http("GET", "app.example.com", "/large")).slowReader();

        ProxyResult result = this.fixture.download(stream, rules);

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyByteCount()).isEqualTo(LARGE);
        assertThat(stream.maxQueuedBytes()).isLessThan(2L * 1024 * 1024);
    }

    @Test
    void largeUploadPausesTheTunnelStreamWhileTheOriginWithholdsItsWindow() throws Exception {
        CompletableFuture<Channel> held = new CompletableFuture<>();
        int port = this.origins.start(
                () -> new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.config().setAutoRead(false);
                        held.complete(stream);
                        stream.pipeline().addLast(OriginServers.countingHandler());
                    }
                },
                false);
        IngressRules rules = rules(rule(null, "https://127.0.0.1:" + port, http2(o -> {})));
        int chunks = 64;
        long total = (long) chunks * ProxyFixture.UPLOAD_CHUNK;
        MemoryDataStream stream =
                this.fixture.stream(http("PUT", "app.example.com", "/upload", "Transfer-Encoding", "chunked"));

        CompletableFuture<ProxyResult> done = this.fixture.proxy(stream, rules);
        for (int i = 0; i < chunks; i++) {
            stream.send(new byte[ProxyFixture.UPLOAD_CHUNK]);
        }
        stream.endInput();
        stream.firstPause().get(30, TimeUnit.SECONDS);
        held.get(30, TimeUnit.SECONDS).config().setAutoRead(true);

        assertThat(done.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo(Long.toString(total));
        assertThat(this.origins
                        .heads
                        .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .get("transfer-encoding"))
                .isNull();
    }

    @Test
    void originThatOnlyAcceptsHttp11ByAlpnIsSpokenToInHttp11() throws Exception {
        int port = this.fixture.servers.https(
                this.certificate.serverContext(), (ctx, request) -> OriginServers.text(ctx, "h1 only", Map.of()));
        IngressRules rules = rules(rule(null, "https://127.0.0.1:" + port, http2(o -> {})));

        for (int i = 0; i < 2; i++) {
            MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));
            assertThat(this.fixture.exchange(stream, rules).status()).isEqualTo(200);
            assertThat(stream.bodyText()).isEqualTo("h1 only");
        }
        OriginServers.Received first = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        OriginServers.Received second = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(second.connection()).as("the HTTP/1.1 connection is pooled").isEqualTo(first.connection());
    }

    @Test
    void webSocketRequestUsesHttp11WithoutOfferingH2() throws Exception {
        int port = this.origins.aggregating((ctx, request) -> OriginServers.text(ctx, "h2", Map.of()));
        MemoryDataStream stream = this.fixture.stream(ProxyFixture.request(
                ConnectionType.WEBSOCKET,
                "GET",
                "app.example.com",
                "/ws",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ=="));

        this.fixture.proxy(stream, rules(rule(null, "https://127.0.0.1:" + port, http2(o -> {}))));

        assertThat(stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).metadata())
                .contains(new Metadata("HttpStatus", "200"));
        assertThat(stream.awaitBodyBytes("HTTP/1.1".length(), TIMEOUT)).isTrue();
        assertThat(stream.bodyText()).isEqualTo("HTTP/1.1");
        assertThat(this.origins.heads).isEmpty();
    }

    @Test
    void plainHttpOriginStaysOnHttp11LikeGoWithoutH2c() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "cleartext", Map.of()));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result =
                this.fixture.exchange(stream, rules(rule(null, "http://127.0.0.1:" + port, http2(o -> {}))));

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("cleartext");
    }

    @Test
    void withoutHttp2OriginAnHttp2CapableOriginIsSpokenToInHttp11() throws Exception {
        int port = this.origins.aggregating((ctx, request) -> OriginServers.text(ctx, "h2", Map.of()));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port, o -> o.setCaPool(caPool()))));

        assertThat(stream.bodyText()).isEqualTo("HTTP/1.1");
    }

    @Test
    void unreachableOriginGivesTheSameErrorAsOverHttp11() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + closed, http2(o -> {}))));

        ConnectResponse response = stream.response().get();
        assertThat(response.error())
                .isEqualTo("Unable to reach the origin service. The service may be down or it may not be responding"
                        + " to traffic from cloudflared: dial tcp 127.0.0.1:" + closed
                        + ": connect: connection refused");
    }

    private Consumer<OriginRequestDefinition> http2(Consumer<OriginRequestDefinition> more) {
        String pem = caPool();
        return options -> {
            options.setHttp2Origin(true);
            options.setCaPool(pem);
            more.accept(options);
        };
    }

    private String caPool() {
        return this.pem;
    }
}
