package io.tunnelagent.core.connector.registration;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.rpc.RpcException;

/**
 * Reads the edge's answer to {@code registerConnection} (protocol doc 4.5): {@code EDUPCONN} is a duplicate
 * connection (try another address), {@code shouldRetry} a retryable refusal, anything else permanent; an RPC failure
 * (timeout, closed stream, exception from the edge) is a control-stream error, retried like cloudflared does on QUIC.
 */
public final class RegistrationResults {

    private RegistrationResults() {}

    /**
     * Classifies a refusal.
     *
     * @param error the edge's error
     * @return the failure
     */
    public static ConnectionFailure classify(ConnectionError error) {
        if (ConnectionError.DUPLICATE_CONNECTION.equals(error.cause())) {
            return new ConnectionFailure(
                    ConnectionFailure.Kind.DUPLICATE,
                    "already connected to this server, trying another address (" + error.cause() + ")");
        }
        ConnectionFailure.Kind kind =
                error.shouldRetry() ? ConnectionFailure.Kind.RETRYABLE : ConnectionFailure.Kind.PERMANENT;
        return new ConnectionFailure(kind, "the edge refused the registration: " + error.cause());
    }

    /**
     * Classifies an RPC failure of a registration call.
     *
     * @param error the failure
     * @return the failure
     */
    public static ConnectionFailure classify(RpcException error) {
        String reason =
                (error.remoteReason() != null) ? "the edge answered: " + error.remoteReason() : error.getMessage();
        return new ConnectionFailure(
                ConnectionFailure.Kind.CONTROL_STREAM, "registerConnection failed (" + error.kind() + "): " + reason);
    }
}
