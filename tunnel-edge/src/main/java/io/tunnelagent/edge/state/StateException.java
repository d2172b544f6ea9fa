package io.tunnelagent.edge.state;

/** Thrown when the state directory cannot be read or written; the message names the file and what to check. */
public class StateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do
     * @param cause the cause
     */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
