package io.tunnelagent.protocol.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The credentials file written by {@code cloudflared tunnel create}:
 * {@code {"AccountTag":"…","TunnelSecret":"<base64>","TunnelID":"<uuid>","Endpoint":""}}. Keys are matched
 * case-insensitively and unknown keys are ignored, as Go's {@code encoding/json} does; {@code TunnelID} may be
 * absent in old files. Protocol doc section 6.2. {@link #toString()} hides the secret; errors never echo the file.
 *
 * @param accountTag the account tag
 * @param secret the tunnel secret
 * @param tunnelId the tunnel ID, null if the file has none
 * @param endpoint the endpoint, empty if none
 */
public record TunnelCredentials(
        String accountTag, TunnelSecret secret, @Nullable UUID tunnelId, String endpoint) {

    private static final String FILE = "Credentials file";

    /**
     * Creates credentials.
     *
     * @param accountTag the account tag
     * @param secret the tunnel secret
     * @param tunnelId the tunnel ID, null if unknown
     * @param endpoint the endpoint, empty if none
     */
    public TunnelCredentials {
        Objects.requireNonNull(accountTag, "accountTag");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Reads the JSON content of a credentials file.
     *
     * @param json the file content
     * @return the credentials
     * @throws CredentialsException naming the bad field and the expected form
     */
    public static TunnelCredentials fromJson(String json) {
        Map<String, Object> members = FlatJson.parseObject(json, FILE);
        String accountTag = FlatJson.string(members, "AccountTag", field("AccountTag"));
        if (accountTag == null || accountTag.isEmpty()) {
            throw new CredentialsException(field("AccountTag") + " is missing: expected the account tag as a string");
        }
        String secret = FlatJson.string(members, "TunnelSecret", field("TunnelSecret"));
        if (secret == null) {
            throw new CredentialsException(
                    field("TunnelSecret") + " is missing: expected the base64 encoding of the tunnel secret");
        }
        String tunnelId = FlatJson.string(members, "TunnelID", field("TunnelID"));
        String endpoint = FlatJson.string(members, "Endpoint", field("Endpoint"));
        return new TunnelCredentials(
                accountTag,
                TunnelSecret.fromBase64(secret, field("TunnelSecret")),
                tunnelId == null || tunnelId.isEmpty() ? null : FlatJson.uuid(tunnelId, field("TunnelID")),
                endpoint == null ? "" : endpoint);
    }

    /**
     * Reads the bytes of a credentials file (UTF-8).
     *
     * @param json the file content
     * @return the credentials
     * @throws CredentialsException naming the bad field and the expected form
     */
    public static TunnelCredentials fromJson(byte[] json) {
        return fromJson(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Writes the file content in cloudflared's form (Go field names, every field present).
     *
     * @return the JSON text, which contains the secret
     */
    public String toJson() {
        return "{\"AccountTag\":" + FlatJson.quote(accountTag) + ",\"TunnelSecret\":"
                + FlatJson.quote(secret.toBase64()) + ",\"TunnelID\":"
                + FlatJson.quote(tunnelId == null ? "" : tunnelId.toString()) + ",\"Endpoint\":"
                + FlatJson.quote(endpoint) + "}";
    }

    @Override
    public String toString() {
        return "TunnelCredentials[accountTag=" + accountTag + ", secret=" + secret + ", tunnelId=" + tunnelId
                + ", endpoint=" + endpoint + "]";
    }

    private static String field(String name) {
        return FILE + " field '" + name + "'";
    }
}
