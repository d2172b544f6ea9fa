package io.tunnelagent.core.connector.event;

import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Receives connection events of a {@link TunnelConnector}. Methods are called from the connector's threads, must
 * return quickly and must not throw; every method has an empty default.
 */
public interface ConnectorListener {

    /**
     * A connection registered with the edge.
     *
     * @param connection the connection
     */
    default void connected(ConnectionInfo connection) {}

    /**
     * A registered connection ended (lost, closed by the edge, or drained).
     *
     * @param connection the connection
     * @param reason why, for logs
     */
    default void disconnected(ConnectionInfo connection, String reason) {}

    /**
     * An attempt to connect or register failed; the connector retries unless the error is permanent at start-up.
     *
     * @param connIndex the HA connection index
     * @param edge the edge address tried
     * @param protocol the transport tried
     * @param failure what failed
     */
    default void connectionFailed(
            int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {}

    /**
     * All connections switched transport (QUIC to HTTP/2 fallback, or back after a successful QUIC re-probe).
     *
     * @param from the old protocol
     * @param to the new protocol
     */
    default void protocolChanged(TransportProtocol from, TransportProtocol to) {}

    /**
     * The edge pushed a configuration, applied or refused.
     *
     * @param version the version pushed
     * @param error why it was refused, or null if applied
     */
    default void remoteConfigurationPushed(int version, @Nullable String error) {}
}
