package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures stay on their own stream: error responses before the head, resets after it, listeners told. */
class StreamFailureTests {

    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void originDyingAfterTheResponseHeadResetsTheStreamWithCodeZero() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> {
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers().set("Content-Length", 1000);
            ctx.write(response);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("partial", StandardCharsets.UTF_8)))
                    .addListener(f -> ctx.close());
        });
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules(rule(null, "http://127.0.0.1:" + port)));

        assertThat(stream.response().get().metadata()).contains(new Metadata("HttpStatus", "200"));
        assertThat(stream.resetCode().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isZero();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.error()).isNotEmpty();
    }

    @Test
    void failingStreamDoesNotDisturbAConcurrentOne() throws Exception {
        int good = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "fine", Map.of()));
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        IngressRules rules = rules(
                rule("good.example.com", "http://127.0.0.1:" + good),
                rule("bad.example.com", "ssh://127.0.0.1:" + closed),
                rule(null, "http_status:404"));
        MemoryDataStream bad = this.fixture.stream(http("GET", "bad.example.com", "/"));
        MemoryDataStream fine = this.fixture.stream(http("GET", "good.example.com", "/"));

        var badDone = this.fixture.proxy(bad, rules);
        var fineDone = this.fixture.proxy(fine, rules);

        assertThat(badDone.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).error()).contains("connection refused");
        assertThat(fineDone.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(fine.bodyText()).isEqualTo("fine");
    }

    @Test
    void malformedHeaderKeyIsAnsweredWithAnErrorAndReported() throws Exception {
        ConnectRequest request = new ConnectRequest(
                "/", ConnectionType.HTTP, List.of(new Metadata("HttpHost", "a"), new Metadata("HttpHeader:X:Y", "1")));
        MemoryDataStream stream = this.fixture.stream(request);

        ProxyResult result = this.fixture.exchange(stream, rules(rule(null, "http_status:200")));

        assertThat(stream.response().get().error()).isEqualTo("header Key: HttpHeader:X:Y malformed");
        assertThat(result.ruleIndex()).isEqualTo(-1);
        assertThat(this.fixture.finished).containsExactly(result);
    }

    @Test
    void accessProtectedRuleIsRefusedWith403BecauseTokensAreNotValidated() throws Exception {
        var definition = rule(null, "http_status:200", o -> {
            var access = new io.tunnelagent.core.ingress.definition.AccessDefinition();
            access.setRequired(true);
            access.setTeamName("team");
            access.setAudTag(List.of("aud"));
            o.setAccess(access);
        });
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules(definition));

        assertThat(result.status()).isEqualTo(403);
        assertThat(stream.response().get().metadata()).containsExactly(new Metadata("HttpStatus", "403"));
    }
}
