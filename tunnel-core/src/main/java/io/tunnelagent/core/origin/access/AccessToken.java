package io.tunnelagent.core.origin.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compact JWS as go-oidc reads it: the protected header's {@code alg} and {@code kid}, the claims cloudflared's
 * check uses, and the signed bytes. Parse failures carry go-oidc's wording and never the token itself.
 *
 * @param algorithm the {@code alg} header
 * @param keyId the {@code kid} header, empty when absent
 * @param issuer the {@code iss} claim, empty when absent
 * @param expiry the {@code exp} claim (the epoch when absent, so the token is expired, as in Go)
 * @param notBefore the {@code nbf} claim, or {@code null}
 * @param audience the {@code aud} claim (a string or a list of strings)
 * @param signedContent the bytes the signature covers ({@code header.payload})
 * @param signature the signature bytes
 */
record AccessToken(
        String algorithm,
        String keyId,
        String issuer,
        Instant expiry,
        @Nullable Instant notBefore,
        List<String> audience,
        byte[] signedContent,
        byte[] signature) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    AccessToken {
        audience = List.copyOf(audience);
    }

    /**
     * Parses a compact JWS.
     *
     * @param token the {@code Cf-Access-Jwt-Assertion} value
     * @return the token
     * @throws AccessException with go-oidc's text when the token is malformed
     */
    static AccessToken parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AccessException("oidc: malformed jwt: go-jose/go-jose: compact JWS format must have three parts");
        }
        JsonNode header = json(parts[0], "oidc: malformed jwt: go-jose/go-jose: ");
        JsonNode claims = json(parts[1], "oidc: failed to unmarshal claims: ");
        byte[] signature = decode(parts[2], "oidc: malformed jwt: go-jose/go-jose: ");
        return new AccessToken(
                header.path("alg").asString(""),
                header.path("kid").asString(""),
                claims.path("iss").asString(""),
                Instant.ofEpochSecond(claims.path("exp").asLong(0)),
                claims.has("nbf") ? Instant.ofEpochSecond(claims.path("nbf").asLong(0)) : null,
                audience(claims.path("aud")),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                signature);
    }

    private static List<String> audience(JsonNode aud) {
        List<String> result = new ArrayList<>();
        if (aud.isString()) {
            result.add(aud.asString());
        } else if (aud.isArray()) {
            aud.forEach(value -> result.add(value.asString("")));
        }
        return result;
    }

    private static JsonNode json(String part, String errorPrefix) {
        byte[] bytes = decode(part, errorPrefix);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new AccessException(errorPrefix + "expected a JSON object");
            }
            return node;
        } catch (JacksonException ex) {
            throw new AccessException(errorPrefix + "invalid JSON");
        }
    }

    private static byte[] decode(String part, String errorPrefix) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException ex) {
            throw new AccessException(errorPrefix + "illegal base64 data");
        }
    }
}
