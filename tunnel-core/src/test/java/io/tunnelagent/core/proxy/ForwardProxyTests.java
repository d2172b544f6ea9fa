package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tunnelagent.core.proxy.OriginServers.Received;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Origins behind {@code HTTP_PROXY}/{@code HTTPS_PROXY}: absolute-form requests and CONNECT tunnels. */
class ForwardProxyTests {

    private ProxyFixture fixture;

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void httpOriginIsRequestedThroughTheProxyInAbsoluteForm() throws Exception {
        this.fixture = new ProxyFixture();
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "via proxy", Map.of()));
        ProxyFixture proxied = new ProxyFixture(
                builder -> builder.environment(Map.of("HTTP_PROXY", "http://user:pw@127.0.0.1:" + port)));
        try {
            MemoryDataStream stream = proxied.stream(http("GET", "app.example.com", "/path?q=1"));

            ProxyResult result = proxied.exchange(stream, rules(rule(null, "http://origin.invalid:8080")));

            assertThat(result.status()).isEqualTo(200);
            assertThat(stream.bodyText()).isEqualTo("via proxy");
            Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(seen.uri()).isEqualTo("http://origin.invalid:8080/path?q=1");
            assertThat(seen.header("Host")).isEqualTo("app.example.com");
            assertThat(seen.header("Proxy-Authorization")).isEqualTo("Basic dXNlcjpwdw==");
        } finally {
            proxied.close();
        }
    }

    @Test
    void httpsOriginOpensAConnectTunnelAndReportsARefusal() throws Exception {
        this.fixture = new ProxyFixture();
        int port = this.fixture.servers.http((ctx, request) -> {
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN);
            response.headers().set("Content-Length", 0);
            ctx.writeAndFlush(response);
        });
        ProxyFixture proxied =
                new ProxyFixture(builder -> builder.environment(Map.of("HTTPS_PROXY", "127.0.0.1:" + port)));
        try {
            MemoryDataStream stream = proxied.stream(http("GET", "app.example.com", "/"));

            proxied.exchange(stream, rules(rule(null, "https://origin.invalid")));

            Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(seen.method()).isEqualTo("CONNECT");
            assertThat(seen.uri()).isEqualTo("origin.invalid:443");
            assertThat(stream.response().get().error())
                    .endsWith(": proxyconnect tcp: proxy answered 403 Forbidden to CONNECT origin.invalid:443");
        } finally {
            proxied.close();
        }
    }
}
