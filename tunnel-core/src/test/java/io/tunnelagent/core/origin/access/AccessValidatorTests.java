package io.tunnelagent.core.origin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.core.ingress.request.AccessConfig;
import io.tunnelagent.core.testing.SteppingClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** cloudflared's Access JWT check, against keys served by a local JWKS endpoint. */
class AccessValidatorTests {

    private static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

    private static final AccessConfig ACCESS = new AccessConfig(true, "team", List.of("aud-1", "aud-2"), "");

    private final AccessKeyServer keys = new AccessKeyServer();

    private final SteppingClock clock = new SteppingClock(NOW);

    private final AccessValidator validator = AccessValidator.create(this.clock, access -> this.keys.location());

    AccessValidatorTests() throws Exception {}

    @AfterEach
    void stop() {
        this.keys.close();
    }

    @Test
    void tokenSignedByATeamKeyWithAnAcceptedAudienceIsAllowed() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        String token = key.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"other\",\"aud-2\"]");

        assertThat(check(token)).isEqualTo(AccessValidator.Verdict.ALLOWED);
    }

    @Test
    void audienceAsASingleStringIsAccepted() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        assertThat(check(key.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "\"aud-1\""))
                        .allowed())
                .isTrue();
    }

    @Test
    void missingTokenIsForbiddenNotAnError() throws Exception {
        assertThat(this.validator.check(ACCESS, null).get(5, TimeUnit.SECONDS))
                .isEqualTo(AccessValidator.Verdict.forbidden("no access token in request"));
        assertThat(this.keys.fetches()).isZero();
    }

    @Test
    void validTokenForAnotherAudienceIsForbiddenWithCloudflaredsReason() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        AccessValidator.Verdict verdict = check(key.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"x\",\"y\"]"));

        assertThat(verdict).isEqualTo(AccessValidator.Verdict.forbidden("Invalid token in jwt: [x y]"));
    }

    @Test
    void expiredTokenFailsWithGoOidcsText() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        String token = key.sign(AccessKeyServer.ISSUER, NOW.minusSeconds(1), "[\"aud-1\"]");

        assertThatThrownBy(() -> check(token))
                .hasCauseInstanceOf(AccessException.class)
                .cause()
                .hasMessage("error while processing middleware handler AccessJWTValidator: Invalid token in jwt: "
                        + "oidc: token is expired (Token Expiry: 2026-11-29 14:59:59 +0000 UTC)")
                .hasMessageNotContaining(token);
    }

    @Test
    void notBeforeIsHonouredWithFiveMinutesOfSkew() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");
        String claims = "{\"iss\":\"" + AccessKeyServer.ISSUER + "\",\"exp\":"
                + NOW.plusSeconds(3600).getEpochSecond() + ",\"aud\":[\"aud-1\"],\"nbf\":";

        String withinSkew = key.sign("RS256", claims + NOW.plusSeconds(299).getEpochSecond() + "}");
        String tooEarly = key.sign("RS256", claims + NOW.plusSeconds(301).getEpochSecond() + "}");

        assertThat(check(withinSkew).allowed()).isTrue();
        assertThatThrownBy(() -> check(tooEarly))
                .cause()
                .hasMessageEndingWith("oidc: current time 2026-11-29 15:00:00 +0000 UTC before the nbf (not before) "
                        + "time: 2026-11-29 15:05:01 +0000 UTC");
    }

    @Test
    void issuerMustBeTheTeamDomainExactly() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        String token = key.sign("https://team.cloudflareaccess.com/", NOW.plusSeconds(60), "[\"aud-1\"]");

        assertThatThrownBy(() -> check(token))
                .cause()
                .hasMessageEndingWith("oidc: id token issued by a different provider, expected "
                        + "\"https://team.cloudflareaccess.com\" got \"https://team.cloudflareaccess.com/\"");
    }

    @Test
    void fedEnvironmentExpectsTheFedIssuer() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");
        AccessConfig fed = new AccessConfig(true, "team", List.of("aud-1"), "fed");

        String token = key.sign("https://team.fed.cloudflareaccess.com", NOW.plusSeconds(60), "[\"aud-1\"]");

        assertThat(this.validator.check(fed, token).get(5, TimeUnit.SECONDS).allowed())
                .isTrue();
        assertThat(AccessValidator.defaultKeysLocation(fed))
                .isEqualTo(URI.create("https://team.fed.cloudflareaccess.com/cdn-cgi/access/certs"));
    }

    @Test
    void tokenSignedByAnotherKeyFailsSignatureVerification() throws Exception {
        this.keys.publish("k1");
        AccessKeyServer.Key impostor = AccessKeyServer.Key.generate("k1");

        String token = impostor.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"aud-1\"]");

        assertThatThrownBy(() -> check(token))
                .cause()
                .hasMessageEndingWith("failed to verify signature: failed to verify id token signature");
    }

    @Test
    void onlyRs256IsAccepted() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");

        String token = key.sign(
                "HS256",
                "{\"iss\":\"" + AccessKeyServer.ISSUER + "\",\"exp\":"
                        + NOW.plusSeconds(60).getEpochSecond() + ",\"aud\":\"aud-1\"}");

        assertThatThrownBy(() -> check(token))
                .cause()
                .hasMessageEndingWith(
                        "oidc: id token signed with unsupported algorithm, expected [\"RS256\"] got " + "\"HS256\"");
    }

    @Test
    void malformedTokenFailsWithoutEchoingIt() {
        assertThatThrownBy(() -> check("not-a-jwt"))
                .cause()
                .hasMessage("error while processing middleware handler AccessJWTValidator: Invalid token in jwt: "
                        + "oidc: malformed jwt: go-jose/go-jose: compact JWS format must have three parts");
    }

    @Test
    void unknownKeyIdRefetchesTheKeysAtMostOncePerInterval() throws Exception {
        AccessKeyServer.Key first = this.keys.publish("k1");
        assertThat(check(first.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(600), "[\"aud-1\"]"))
                        .allowed())
                .isTrue();
        AccessKeyServer.Key rotated = this.keys.publish("k2");
        String token = rotated.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(600), "[\"aud-1\"]");

        assertThatThrownBy(() -> check(token)).cause().hasMessageEndingWith("failed to verify id token signature");
        assertThat(this.keys.fetches()).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(30));
        assertThat(check(token).allowed()).isTrue();
        assertThat(this.keys.fetches()).isEqualTo(2);
        assertThat(check(first.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(600), "[\"aud-1\"]"))
                        .allowed())
                .isTrue();
        assertThat(this.keys.fetches()).isEqualTo(2);
    }

    @Test
    void concurrentFirstChecksShareOneFetch() throws Exception {
        AccessKeyServer.Key key = this.keys.publish("k1");
        String token = key.sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"aud-1\"]");

        List<CompletableFuture<AccessValidator.Verdict>> checks = List.of(
                this.validator.check(ACCESS, token),
                this.validator.check(ACCESS, token),
                this.validator.check(ACCESS, token));

        for (CompletableFuture<AccessValidator.Verdict> check : checks) {
            assertThat(check.get(5, TimeUnit.SECONDS).allowed()).isTrue();
        }
        assertThat(this.keys.fetches()).isEqualTo(1);
    }

    @Test
    void unreachableKeySetIsAnErrorNamingTheFetch() {
        this.keys.close();

        assertThatThrownBy(() -> check(validToken()))
                .cause()
                .hasMessageStartingWith("error while processing middleware handler AccessJWTValidator: Invalid token "
                        + "in jwt: failed to verify signature: fetching keys oidc: get keys failed: ");
    }

    private String validToken() throws Exception {
        return AccessKeyServer.Key.generate("k1").sign(AccessKeyServer.ISSUER, NOW.plusSeconds(60), "[\"aud-1\"]");
    }

    private AccessValidator.Verdict check(String token) throws Exception {
        return this.validator.check(ACCESS, token).get(5, TimeUnit.SECONDS);
    }

    /** A clock the test moves forward. */
}
