package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.registration.ConnectionResponse;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code RegistrationServer} ({@code 0xf71695ec7fe85497}): served by the edge on the control stream, called by the
 * connector. Protocol doc sections 4.4–4.5. Failures are {@link io.tunnelagent.protocol.rpc.RpcException}s.
 */
public interface RegistrationServer {

    /**
     * Method 0: registers this connection of the tunnel.
     *
     * @param params the credentials, tunnel ID, connection index and options
     * @return the connection details, or a (retryable or permanent) error
     */
    CompletableFuture<ConnectionResponse> registerConnection(RegisterConnection.Params params);

    /**
     * Method 1: unregisters the connection before a graceful shutdown.
     *
     * @return completed when the edge acknowledged
     */
    CompletableFuture<Void> unregisterConnection();

    /**
     * Method 2: pushes the locally configured ingress (connection 0, locally managed tunnels only).
     *
     * @param params the configuration JSON
     * @return completed when the edge acknowledged
     */
    CompletableFuture<Void> updateLocalConfiguration(UpdateLocalConfiguration.Params params);
}
