package io.tunnelagent.edge.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The bearer token of the admin API, generated on first start into the owner-only file {@value #FILE}. Its
 * {@link #toString()} never shows the value.
 */
public final class AdminToken {

    /** The file name. */
    public static final String FILE = "admin-token";

    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    /**
     * Loads the token, generating it on first start.
     *
     * @param state the state directory
     * @param random the source of the token
     * @return the token
     */
    public static AdminToken loadOrCreate(StateDirectory state, SecureRandom random) {
        String existing = state.read(FILE)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim())
                .orElse("");
        if (!existing.isEmpty()) {
            return new AdminToken(existing);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = HexFormat.of().formatHex(bytes);
        state.write(FILE, (value + "\n").getBytes(StandardCharsets.UTF_8), true);
        return new AdminToken(value);
    }

    /**
     * Wraps a known token value (for clients).
     *
     * @param value the token
     * @return the token
     */
    public static AdminToken of(String value) {
        return new AdminToken(Objects.requireNonNull(value).trim());
    }

    /**
     * The token value, for an {@code Authorization: Bearer} header.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Checks an {@code Authorization} header in constant time.
     *
     * @param authorization the header value, may be null
     * @return whether it carries this token
     */
    public boolean matches(@org.jspecify.annotations.Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
