package io.tunnelagent.protocol;

/**
 * Base of every exception this module throws for bad input or protocol violations: a malformed Cap'n Proto message,
 * an invalid tunnel token or credentials file, or an RPC failure. Callers that handle untrusted bytes can catch this
 * one type; nothing else escapes the decoders.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong and, where possible, what is expected
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what is wrong and, where possible, what is expected
     * @param cause the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
