package io.tunnelagent.core.origin.access;

import io.tunnelagent.core.ingress.request.AccessConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * cloudflared's Access middleware (protocol doc 9) for rules with {@code access.required: true}: the
 * {@code Cf-Access-Jwt-Assertion} token must be an RS256 JWT signed by a key of the team's JWKS
 * ({@code <team domain>/cdn-cgi/access/certs}), issued by the team domain exactly, not expired, not before its
 * {@code nbf} (5 minutes of skew allowed), and its {@code aud} must contain one of the rule's {@code audTag}s.
 *
 * <p>A missing token or a wrong audience is a {@link Verdict#forbidden forbidden} verdict (cloudflared answers 403
 * with no headers and no body); any other failure completes the future with an {@link AccessException} worded like
 * cloudflared's ({@code error while processing middleware handler AccessJWTValidator: Invalid token in jwt: …}).
 * Keys are cached per team and refetched, rate-limited, when a token names an unknown key. Thread-safe; the token is
 * never logged or put in a message.
 */
public final class AccessValidator {

    /** The request header that carries the token. */
    public static final String HEADER = "Cf-Access-Jwt-Assertion";

    private static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final String ERROR_PREFIX = "error while processing middleware handler AccessJWTValidator: ";

    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);

    private final Function<AccessConfig, URI> keysLocation;
    private final Clock clock;
    private final Map<URI, AccessKeys> teams = new ConcurrentHashMap<>();

    private @Nullable HttpClient client;

    private AccessValidator(Function<AccessConfig, URI> keysLocation, Clock clock) {
        this.keysLocation = keysLocation;
        this.clock = clock;
    }

    /**
     * A validator that fetches each team's keys from {@code <team domain>/cdn-cgi/access/certs}.
     *
     * @param clock the clock for token lifetimes and the refresh rate limit
     * @return the validator
     */
    public static AccessValidator create(Clock clock) {
        return create(clock, AccessValidator::defaultKeysLocation);
    }

    /**
     * A validator that fetches the keys from the given locations (for tests against a local JWKS server).
     *
     * @param clock the clock for token lifetimes and the refresh rate limit
     * @param keysLocation the JWKS URL for a rule's Access settings
     * @return the validator
     */
    public static AccessValidator create(Clock clock, Function<AccessConfig, URI> keysLocation) {
        return new AccessValidator(keysLocation, clock);
    }

    /**
     * The JWKS URL cloudflared uses for a rule: {@code https://<team>.cloudflareaccess.com/cdn-cgi/access/certs}, or
     * {@code https://<team>.fed.cloudflareaccess.com/…} for {@code environment: fed}.
     *
     * @param access the rule's settings
     * @return the URL
     */
    public static URI defaultKeysLocation(AccessConfig access) {
        return URI.create(access.teamDomain() + "/cdn-cgi/access/certs");
    }

    /**
     * Checks one request's token.
     *
     * @param access the matched rule's Access settings
     * @param token the {@code Cf-Access-Jwt-Assertion} value, or {@code null} when absent
     * @return the verdict; fails with an {@link AccessException} when the token does not verify
     */
    public CompletableFuture<Verdict> check(AccessConfig access, @Nullable String token) {
        if (token == null || token.isEmpty()) {
            return CompletableFuture.completedFuture(Verdict.forbidden("no access token in request"));
        }
        AccessToken parsed;
        try {
            parsed = AccessToken.parse(token);
            checkClaims(parsed, access.teamDomain());
        } catch (AccessException ex) {
            return CompletableFuture.failedFuture(invalid(ex));
        }
        AccessKeys keys = this.teams.computeIfAbsent(
                Objects.requireNonNull(this.keysLocation.apply(access), "keysLocation"),
                location -> new AccessKeys(client(), location, this.clock));
        return keys.candidates(parsed.keyId()).handle((candidates, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                throw invalid(
                        cause instanceof AccessException known
                                ? known
                                : new AccessException("failed to verify signature: " + cause.getMessage(), cause));
            }
            if (!verifies(parsed, candidates)) {
                throw invalid(new AccessException("failed to verify signature: failed to verify id token signature"));
            }
            return audience(parsed, access);
        });
    }

    /** The HTTP client for key fetches, created with the first team (it owns a selector thread). */
    private synchronized HttpClient client() {
        HttpClient current = this.client;
        if (current == null) {
            current = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            this.client = current;
        }
        return current;
    }

    private void checkClaims(AccessToken token, String issuer) {
        if (!token.issuer().equals(issuer)) {
            throw new AccessException("oidc: id token issued by a different provider, expected \"" + issuer
                    + "\" got \"" + token.issuer() + "\"");
        }
        Instant now = this.clock.instant();
        if (token.expiry().isBefore(now)) {
            throw new AccessException("oidc: token is expired (Token Expiry: " + GO_TIME.format(token.expiry()) + ")");
        }
        Instant notBefore = token.notBefore();
        if (notBefore != null && now.plus(ALLOWED_CLOCK_SKEW).isBefore(notBefore)) {
            throw new AccessException("oidc: current time " + GO_TIME.format(now)
                    + " before the nbf (not before) time: " + GO_TIME.format(notBefore));
        }
        if (!token.algorithm().equals("RS256")) {
            throw new AccessException("oidc: id token signed with unsupported algorithm, expected [\"RS256\"] got \""
                    + token.algorithm() + "\"");
        }
    }

    private static boolean verifies(AccessToken token, Map<String, PublicKey> candidates) {
        for (PublicKey key : candidates.values()) {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initVerify(key);
                signature.update(token.signedContent());
                if (signature.verify(token.signature())) {
                    return true;
                }
            } catch (GeneralSecurityException ex) {
                // A key of the wrong size or a malformed signature does not verify; try the next key.
            }
        }
        return false;
    }

    private static Verdict audience(AccessToken token, AccessConfig access) {
        for (String audience : token.audience()) {
            if (access.audTags().contains(audience)) {
                return Verdict.ALLOWED;
            }
        }
        return Verdict.forbidden("Invalid token in jwt: [" + String.join(" ", token.audience()) + "]");
    }

    private static AccessException invalid(AccessException cause) {
        return new AccessException(ERROR_PREFIX + "Invalid token in jwt: " + cause.getMessage(), cause);
    }

    /**
     * The outcome of a check that did not fail.
     *
     * @param allowed whether the request goes on to the origin
     * @param reason why it was refused (cloudflared's reason text), empty when allowed
     */
    public record Verdict(boolean allowed, String reason) {

        /** The request may proceed. */
        public static final Verdict ALLOWED = new Verdict(true, "");

        /**
         * A refusal, answered with 403.
         *
         * @param reason why
         * @return the verdict
         */
        public static Verdict forbidden(String reason) {
            return new Verdict(false, reason);
        }
    }
}
