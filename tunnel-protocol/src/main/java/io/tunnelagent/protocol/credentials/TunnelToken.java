package io.tunnelagent.protocol.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The tunnel token given to {@code cloudflared tunnel run --token}: standard base64 (with padding) of the JSON
 * object {@code {"a":"<account tag>","t":"<tunnel UUID>","s":"<base64 secret>","e":"<endpoint>"}}, where
 * {@code e} is optional and omitted when empty. Protocol doc section 6.1. {@link #toString()} hides the secret;
 * errors never echo the token.
 *
 * @param accountTag the account tag ({@code a})
 * @param tunnelId the tunnel ID ({@code t})
 * @param secret the tunnel secret ({@code s})
 * @param endpoint the endpoint ({@code e}, e.g. {@code fed}), empty if none
 */
public record TunnelToken(String accountTag, UUID tunnelId, TunnelSecret secret, String endpoint) {

    private static final String INVALID = "Provided Tunnel token is not valid. ";

    /**
     * Creates a token.
     *
     * @param accountTag the account tag
     * @param tunnelId the tunnel ID
     * @param secret the tunnel secret
     * @param endpoint the endpoint, empty if none
     */
    public TunnelToken {
        Objects.requireNonNull(accountTag, "accountTag");
        Objects.requireNonNull(tunnelId, "tunnelId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Decodes a token; surrounding whitespace (as in a token file) is ignored.
     *
     * @param token the token text
     * @return the token
     * @throws CredentialsException "Provided Tunnel token is not valid." followed by the reason
     */
    public static TunnelToken decode(String token) {
        try {
            return parse(token);
        } catch (CredentialsException ex) {
            throw new CredentialsException(INVALID + ex.getMessage());
        }
    }

    private static TunnelToken parse(String token) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(token.strip());
        } catch (IllegalArgumentException ex) {
            throw new CredentialsException("It is not standard base64: expected the token exactly as the dashboard"
                    + " or 'cloudflared tunnel token' printed it");
        }
        Map<String, Object> members = FlatJson.parseObject(new String(json, StandardCharsets.UTF_8), "Its content");
        String accountTag = required(members, "a", "account tag");
        UUID tunnelId = FlatJson.uuid(required(members, "t", "tunnel ID"), "Tunnel token field 't'");
        TunnelSecret secret = TunnelSecret.fromBase64(required(members, "s", "secret"), "Tunnel token field 's'");
        String endpoint = FlatJson.string(members, "e", "Tunnel token field 'e'");
        return new TunnelToken(accountTag, tunnelId, secret, endpoint == null ? "" : endpoint);
    }

    private static String required(Map<String, Object> members, String key, String meaning) {
        String value = FlatJson.string(members, key, "Tunnel token field '" + key + "'");
        if (value == null || value.isEmpty()) {
            throw new CredentialsException(
                    "Tunnel token field '" + key + "' is missing: expected the " + meaning + " as a JSON string");
        }
        return value;
    }

    /**
     * Encodes the token as cloudflared does (base64 with padding; {@code e} omitted when empty).
     *
     * @return the token text, which contains the secret
     */
    public String encode() {
        StringBuilder json = new StringBuilder("{\"a\":")
                .append(FlatJson.quote(accountTag))
                .append(",\"s\":")
                .append(FlatJson.quote(secret.toBase64()))
                .append(",\"t\":")
                .append(FlatJson.quote(tunnelId.toString()));
        if (!endpoint.isEmpty()) {
            json.append(",\"e\":").append(FlatJson.quote(endpoint));
        }
        json.append('}');
        return Base64.getEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the credentials this token carries.
     *
     * @return the credentials
     */
    public TunnelCredentials toCredentials() {
        return new TunnelCredentials(accountTag, secret, tunnelId, endpoint);
    }

    @Override
    public String toString() {
        return "TunnelToken[accountTag=" + accountTag + ", tunnelId=" + tunnelId + ", secret=" + secret + ", endpoint="
                + endpoint + "]";
    }
}
