package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import org.jspecify.annotations.Nullable;

/** A failed attempt to open an {@link EdgeSession}, classified for the retry rules. */
public final class SessionException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final ConnectionFailure failure;

    /**
     * Creates an exception.
     *
     * @param failure the classified failure
     * @param cause the underlying error, if any
     */
    public SessionException(ConnectionFailure failure, @Nullable Throwable cause) {
        super(failure.message(), cause);
        this.failure = failure;
    }

    /**
     * The classified failure.
     *
     * @return the failure
     */
    public ConnectionFailure failure() {
        return this.failure;
    }
}
