package io.tunnelagent.edge.tunnel;

/** Thrown when a tunnel or route operation cannot be done; the message says what to change. */
public class TunnelStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do
     */
    public TunnelStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong and what to do
     * @param cause the cause
     */
    public TunnelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
