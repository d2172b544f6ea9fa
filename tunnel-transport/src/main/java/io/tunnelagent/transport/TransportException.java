package io.tunnelagent.transport;

/** A transport failure: a dial, handshake, stream or connection error, with a message that says what to do. */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and what to do
     */
    public TransportException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong and what to do
     * @param cause the cause
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
