package io.tunnelagent.core.connector.registration;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.supervisor.SessionException;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.service.RegistrationServer;
import io.tunnelagent.protocol.service.ServiceStubs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connector's side of the control stream (protocol doc 4.5): Bootstrap, then {@code registerConnection}
 * pipelined on the bootstrap answer, {@code updateLocalConfiguration} on connection 0, {@code unregisterConnection}
 * at drain, and at close Release and {@code Abort("rpc: shutdown")} (the RPC engine's close). The calls go through
 * the protocol module's typed {@link RegistrationServer} stub; this class adds the per-call timeouts and classifies
 * failures for the retry policy.
 */
public final class ControlClient {

    private final RpcConnection rpc;

    private final RemoteCapability registrationServer;

    /**
     * Bootstraps the edge's {@code RegistrationServer} at once, so the registration call can be pipelined.
     *
     * @param rpc the RPC connection on the control stream
     */
    public ControlClient(RpcConnection rpc) {
        this.rpc = rpc;
        this.registrationServer = rpc.bootstrap();
    }

    /**
     * Registers the connection.
     *
     * @param params what to send
     * @param timeout the RPC timeout (cloudflared: 5 s)
     * @return completes with the connection details; fails with a {@link SessionException} classified for retry
     */
    public CompletableFuture<ConnectionDetails> register(RegisterConnection.Params params, Duration timeout) {
        return stub(timeout).registerConnection(params).handle((result, error) -> {
            if (error != null) {
                throw failure(error);
            }
            if (result instanceof ConnectionError refused) {
                throw new SessionException(RegistrationResults.classify(refused), null);
            }
            return (ConnectionDetails) result;
        });
    }

    /**
     * Pushes the local configuration (connection 0, when the tunnel is not remotely managed).
     *
     * @param json the configuration JSON
     * @param timeout the RPC timeout
     * @return completes when the edge answered
     */
    public CompletableFuture<Void> updateLocalConfiguration(byte[] json, Duration timeout) {
        return stub(timeout).updateLocalConfiguration(new UpdateLocalConfiguration.Params(json));
    }

    /**
     * Unregisters the connection so the edge sends no new requests on it.
     *
     * @param timeout the grace period
     * @return completes when the edge answered
     */
    public CompletableFuture<Void> unregister(Duration timeout) {
        return stub(timeout).unregisterConnection();
    }

    /**
     * Closes the RPC connection: Release of the bootstrap import, Abort, end of the stream.
     *
     * @return completes when closed
     */
    public CompletableFuture<Void> close() {
        return this.rpc.close();
    }

    private RegistrationServer stub(Duration timeout) {
        return ServiceStubs.registrationServer(this.registrationServer, timeout);
    }

    private static RuntimeException failure(Throwable error) {
        Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
        if (cause instanceof SessionException session) {
            return session;
        }
        if (cause instanceof RpcException rpcError) {
            return new SessionException(RegistrationResults.classify(rpcError), rpcError);
        }
        return new SessionException(
                new ConnectionFailure(ConnectionFailure.Kind.CONTROL_STREAM, String.valueOf(cause.getMessage())),
                cause);
    }
}
