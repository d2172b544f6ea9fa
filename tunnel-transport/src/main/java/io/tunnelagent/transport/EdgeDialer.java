package io.tunnelagent.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Dials an edge and establishes a {@link TunnelConnection} in the connector role. Implementations verify the edge's
 * certificate against the configured roots and server name; verification cannot be switched off.
 */
public interface EdgeDialer extends AutoCloseable {

    /**
     * The transport this dialer speaks.
     *
     * @return the protocol
     */
    TransportProtocol protocol();

    /**
     * Dials an edge address.
     *
     * @param edge the edge's address (port 7844 on Cloudflare)
     * @return completes with the established connection, or fails with a {@link TransportException} that says what
     *     went wrong (timeout, TLS failure, wrong ALPN, …)
     */
    CompletableFuture<TunnelConnection> dial(InetSocketAddress edge);

    /** Releases the dialer's resources; established connections are not closed. */
    @Override
    void close();
}
