package io.tunnelagent.core.origin.access;

/**
 * An Access token failed verification (go-oidc's wording, e.g. {@code oidc: token is expired (Token Expiry: …)}), or
 * the team's signing keys could not be fetched: check the token's issuer and lifetime, and that the connector reaches
 * {@code https://<team>.cloudflareaccess.com/cdn-cgi/access/certs}. Messages never contain the token.
 */
public class AccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed
     */
    public AccessException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what failed
     * @param cause the cause
     */
    public AccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
