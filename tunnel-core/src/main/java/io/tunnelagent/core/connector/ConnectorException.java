package io.tunnelagent.core.connector;

/**
 * A connector failure: edge discovery, configuration of the connector, registration refused by the edge, start-up
 * that cannot succeed. The message says what to do; it never contains the tunnel secret or token.
 */
public class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and what to do
     */
    public ConnectorException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong and what to do
     * @param cause the cause
     */
    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
