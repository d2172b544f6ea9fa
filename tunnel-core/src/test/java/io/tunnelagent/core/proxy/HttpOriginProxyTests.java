package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.proxy.OriginServers.Received;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.Metadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP origins end to end through the dispatcher: bodies both ways, streaming, pooling and Unix sockets. */
class HttpOriginProxyTests {

    private static final long LARGE = 100L * 1024 * 1024;

    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void chunkedUploadIsStreamedToTheOriginAsChunked() throws Exception {
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + echoOrigin()));
        MemoryDataStream stream =
                this.fixture.stream(http("PUT", "app.example.com", "/upload", "Transfer-Encoding", "chunked"));

        var done = this.fixture.proxy(stream, rules);
        stream.send("first,");
        stream.send("second,");
        stream.send("third");
        stream.endInput();

        assertThat(done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("first,second,third");
        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(seen.header("Content-Length")).isNull();
    }

    @Test
    void largeUploadIsStreamedWithBackpressure() throws Exception {
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + this.fixture.servers.countingSink()));
        int chunks = 320;
        long total = (long) chunks * ProxyFixture.UPLOAD_CHUNK;
        MemoryDataStream stream =
                this.fixture.stream(http("POST", "app.example.com", "/upload", "Content-Length", Long.toString(total)));

        assertThat(this.fixture.upload(stream, rules, chunks).status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo(Long.toString(total));
        assertThat(stream.pauses())
                .as("times the stream was paused for the origin socket")
                .isPositive();
    }

    @Test
    void bodyWithoutContentLengthOrChunkedIsNotForwarded() throws Exception {
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + echoOrigin()));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        var done = this.fixture.proxy(stream, rules);
        stream.send("ignored");
        stream.endInput();

        assertThat(done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEmpty();
    }

    @Test
    void largeDownloadStreamsWithBoundedBuffering() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.streamZeros(ctx, LARGE));
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + port));
        MemoryDataStream stream =
                this.fixture.stream(http("GET", "app.example.com", "/large")).slowReader();

        ProxyResult result = this.fixture.download(stream, rules);

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyByteCount()).isEqualTo(LARGE);
        assertThat(stream.maxQueuedBytes()).isLessThan(2L * 1024 * 1024);
        assertThat(stream.response().get().metadata())
                .contains(Metadata.header("Content-Length", Long.toString(LARGE)));
    }

    @Test
    void keepAliveConnectionIsReusedForTheNextRequest() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "ok", Map.of()));
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + port));

        for (int i = 0; i < 3; i++) {
            MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/" + i));
            assertThat(this.fixture.exchange(stream, rules).status()).isEqualTo(200);
            assertThat(stream.bodyText()).isEqualTo("ok");
        }

        Received first = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Received second = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Received third = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(second.connection()).isEqualTo(first.connection());
        assertThat(third.connection()).isEqualTo(first.connection());
    }

    @Test
    void noIdleConnectionIsKeptWhenTheOriginClosesIt() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> {
            OriginServers.text(ctx, "bye", Map.of("Connection", "close"));
            ctx.close();
        });
        IngressRules rules = rules(rule(null, "http://127.0.0.1:" + port));

        for (int i = 0; i < 2; i++) {
            MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));
            assertThat(this.fixture.exchange(stream, rules).status()).isEqualTo(200);
        }

        Received first = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Received second = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(second.connection()).isNotEqualTo(first.connection());
    }

    @Test
    void unixSocketOriginIsReachedOverTheSocketPath(@TempDir Path directory) throws Exception {
        String path = directory.resolve("origin.sock").toString();
        this.fixture.servers.unixHttp(path, (ctx, request) -> OriginServers.text(ctx, "over unix", Map.of()));
        IngressRules rules = rules(rule(null, "unix:" + path));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules);

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("over unix");
        assertThat(this.fixture
                        .servers
                        .received
                        .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .header("Host"))
                .isEqualTo("app.example.com");
    }

    @Test
    void missingUnixSocketIsReportedLikeGo(@TempDir Path directory) throws Exception {
        String path = directory.resolve("missing.sock").toString();
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        this.fixture.exchange(stream, rules(rule(null, "unix:" + path)));

        ConnectResponse response = stream.response().get();
        assertThat(response.error()).endsWith(": dial unix " + path + ": connect: no such file or directory");
    }

    @Test
    void httpStatusServiceAnswersWithTheStatusOnly() throws Exception {
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules(rule(null, "http_status:418")));

        assertThat(stream.response().get())
                .isEqualTo(new ConnectResponse("", java.util.List.of(new Metadata("HttpStatus", "418"))));
        assertThat(stream.bodyBytes()).isEmpty();
        assertThat(result.status()).isEqualTo(418);
        assertThat(this.fixture.finished).hasSize(1);
    }

    private int echoOrigin() {
        return this.fixture.servers.http((ctx, request) ->
                OriginServers.text(ctx, request.content().toString(StandardCharsets.UTF_8), Map.of()));
    }
}
