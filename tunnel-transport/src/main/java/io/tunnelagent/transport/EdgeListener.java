package io.tunnelagent.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Accepts connector connections in the edge role on one address. */
public interface EdgeListener extends AutoCloseable {

    /**
     * The transport this listener speaks.
     *
     * @return the protocol
     */
    TransportProtocol protocol();

    /**
     * The bound address (with the actual port when bound to port 0).
     *
     * @return the address
     */
    InetSocketAddress localAddress();

    /**
     * Sets the handler for established connections (after the TLS handshake). Set it before connectors arrive.
     *
     * @param handler the handler
     */
    void setConnectionHandler(Consumer<TunnelConnection> handler);

    /**
     * Stops accepting and closes the listening socket; established connections are not closed.
     *
     * @return completes when closed
     */
    CompletableFuture<Void> closeAsync();

    @Override
    default void close() {
        closeAsync().join();
    }
}
