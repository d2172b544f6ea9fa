package io.tunnelagent.core.origin;

/**
 * A proxied request could not be served. The message is the text sent to the edge in the {@code ConnectResponse}
 * error (cloudflared's wording, protocol doc 3.6), so it never carries secrets; check the origin named in it.
 */
public class OriginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the error text for the edge
     */
    public OriginException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message the error text for the edge
     * @param cause the cause
     */
    public OriginException(String message, Throwable cause) {
        super(message, cause);
    }
}
