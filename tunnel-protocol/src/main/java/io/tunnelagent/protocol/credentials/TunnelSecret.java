package io.tunnelagent.protocol.credentials;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The tunnel secret (raw bytes; cloudflared creates 32 random bytes). It is sent in {@code TunnelAuth} when a
 * connection registers. Its {@link #toString()} never shows the bytes, and {@link #equals(Object)} compares in
 * constant time.
 */
public final class TunnelSecret {

    private final byte[] bytes;

    private TunnelSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps raw secret bytes.
     *
     * @param bytes the secret, copied
     * @return the secret
     */
    public static TunnelSecret of(byte[] bytes) {
        return new TunnelSecret(bytes.clone());
    }

    /**
     * Decodes standard base64 (as in the token's {@code s} and the credentials file's {@code TunnelSecret}).
     *
     * @param base64 the encoded secret
     * @param field the field name used in the error message, e.g. {@code Tunnel token field 's'}
     * @return the secret
     * @throws CredentialsException if the text is not standard base64 or decodes to nothing
     */
    public static TunnelSecret fromBase64(String base64, String field) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException ex) {
            throw new CredentialsException(
                    field + " is not standard base64: expected the base64 encoding of the" + " tunnel secret bytes");
        }
        if (decoded.length == 0) {
            throw new CredentialsException(field + " is empty: expected the base64 encoding of the tunnel secret");
        }
        return new TunnelSecret(decoded);
    }

    /**
     * Returns the raw bytes.
     *
     * @return a copy of the secret
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the secret in standard base64 with padding.
     *
     * @return the encoded secret
     */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Returns the secret's length.
     *
     * @return the number of bytes
     */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TunnelSecret secret && MessageDigest.isEqual(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns a placeholder: the secret is never shown. */
    @Override
    public String toString() {
        return "TunnelSecret[redacted]";
    }
}
