package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.origin.access.AccessKeyServer;
import io.tunnelagent.core.origin.access.AccessValidator;
import io.tunnelagent.core.proxy.OriginServers.Received;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.Metadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules with {@code access.required: true}: cloudflared's Access middleware in front of the origin. */
class AccessProxyTests {

    private static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

    private final AccessKeyServer keys = new AccessKeyServer();

    private final ProxyFixture fixture = new ProxyFixture(builder -> builder.accessValidator(
            AccessValidator.create(Clock.fixed(NOW, ZoneOffset.UTC), access -> this.keys.location())));

    private final IngressRules rules;

    AccessProxyTests() throws Exception {
        int origin = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "secret page", Map.of()));
        this.rules = rules(
                rule("app.example.com", "http://127.0.0.1:" + origin, options -> {
                    AccessDefinition access = new AccessDefinition();
                    access.setRequired(true);
                    access.setTeamName("team");
                    access.setAudTag(List.of("aud-1"));
                    options.setAccess(access);
                }),
                rule(null, "http_status:404"));
    }

    @AfterEach
    void stop() {
        this.fixture.close();
        this.keys.close();
    }

    @Test
    void requestWithoutTokenIsAnswered403WithNoHeadersAndNoBody() throws Exception {
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, this.rules);

        assertThat(stream.response().get())
                .isEqualTo(new ConnectResponse("", List.of(new Metadata("HttpStatus", "403"))));
        assertThat(stream.bodyText()).isEmpty();
        assertThat(result.status()).isEqualTo(403);
        assertThat(result.error()).isEmpty();
        assertThat(this.fixture.servers.received).isEmpty();
    }

    @Test
    void validTokenReachesTheOriginWithTheAssertionHeader() throws Exception {
        String token = this.keys.publish("k1").sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"aud-1\"]");
        MemoryDataStream stream =
                this.fixture.stream(http("GET", "app.example.com", "/", "Cf-Access-Jwt-Assertion", token));

        ProxyResult result = this.fixture.exchange(stream, this.rules);

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("secret page");
        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.header("Cf-Access-Jwt-Assertion")).isEqualTo(token);
    }

    @Test
    void tokenForAnotherApplicationIsAnswered403() throws Exception {
        String token = this.keys.publish("k1").sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"aud-9\"]");
        MemoryDataStream stream =
                this.fixture.stream(http("GET", "app.example.com", "/", "Cf-Access-Jwt-Assertion", token));

        assertThat(this.fixture.exchange(stream, this.rules).status()).isEqualTo(403);
        assertThat(this.fixture.servers.received).isEmpty();
    }

    @Test
    void expiredTokenIsAnErrorResponseWithoutStatus() throws Exception {
        String token = this.keys.publish("k1").sign(AccessKeyServer.ISSUER, NOW.minusSeconds(60), "[\"aud-1\"]");
        MemoryDataStream stream =
                this.fixture.stream(http("GET", "app.example.com", "/", "Cf-Access-Jwt-Assertion", token));

        ProxyResult result = this.fixture.exchange(stream, this.rules);

        ConnectResponse response = stream.response().get();
        assertThat(response.metadata()).isEmpty();
        assertThat(response.error())
                .isEqualTo("error while processing middleware handler AccessJWTValidator: Invalid token in jwt: "
                        + "oidc: token is expired (Token Expiry: 2026-11-29 14:59:00 +0000 UTC)");
        assertThat(result.status()).isZero();
        assertThat(this.fixture.servers.received).isEmpty();
    }

    @Test
    void rulesWithoutAccessAreNotChecked() throws Exception {
        MemoryDataStream stream = this.fixture.stream(http("GET", "other.example.com", "/"));

        assertThat(this.fixture.exchange(stream, this.rules).status()).isEqualTo(404);
        assertThat(this.keys.fetches()).isZero();
    }
}
