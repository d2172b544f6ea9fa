package io.tunnelagent.transport;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.protocol.stream.ConnectRequest;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One established connection between a connector and an edge, over QUIC or HTTP/2, seen from either side. Produced
 * by an {@link EdgeDialer} (connector role) or an {@link EdgeListener} (edge role).
 *
 * <p>The operations hide the differences between the transports (protocol doc 3.2 and 5): the control stream is
 * stream 0 opened by the connector on QUIC but a request sent by the edge on HTTP/2; data streams carry a Cap'n
 * Proto head on QUIC but HTTP/2 headers on HTTP/2. Callers see the same typed heads either way.
 */
public interface TunnelConnection {

    /**
     * This side's role.
     *
     * @return the role
     */
    TunnelRole role();

    /**
     * The wire transport.
     *
     * @return the protocol
     */
    TransportProtocol protocol();

    /**
     * The peer's address.
     *
     * @return the address
     */
    InetSocketAddress remoteAddress();

    /**
     * This side's address.
     *
     * @return the address
     */
    InetSocketAddress localAddress();

    /**
     * The control stream, on which the connector is the RPC client and the edge serves {@code RegistrationServer}.
     * Connector on QUIC: opens the first bidirectional stream. Connector on HTTP/2: the edge's
     * {@code control-stream} request. Edge on QUIC: the first stream the connector opened. Edge on HTTP/2: sends
     * the {@code control-stream} request. Calling it again returns the same future.
     *
     * @return completes with the control stream
     */
    CompletableFuture<TunnelStream> controlStream();

    /**
     * Sets the handler for streams the peer opens (connector role: data streams, RPC streams, configuration
     * updates; edge role: connector-opened RPC streams). Streams that cannot be classified or whose head is
     * malformed are refused by the transport (an error response or a reset) and never reach the handler. Set it
     * before the peer can open streams, i.e. right after the connection is established.
     *
     * @param handler the handler
     */
    void setIncomingStreamHandler(Consumer<IncomingStream> handler);

    /**
     * Edge role: opens a stream for one proxied request and sends its head.
     *
     * @param request the request head
     * @return completes when the stream is open and the head written
     * @throws UnsupportedOperationException in the connector role
     */
    CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request);

    /**
     * Opens a stream for Cap'n Proto RPC and writes the RPC signature (QUIC only: edge-to-connector
     * {@code CloudflaredServer} calls, connector-to-edge {@code SessionManager} calls).
     *
     * @return completes with the stream, positioned after the signature
     * @throws UnsupportedOperationException on HTTP/2
     */
    CompletableFuture<TunnelStream> openRpcStream();

    /**
     * The largest datagram payload the peer accepts, or 0 if this connection has no datagrams (HTTP/2).
     *
     * @return the size in bytes
     */
    int maxDatagramSize();

    /**
     * Sends an unreliable datagram (QUIC RFC 9221). Ownership of {@code datagram} passes to the connection.
     *
     * @param datagram the payload
     * @return completes when handed to the transport
     */
    CompletableFuture<Void> sendDatagram(ByteBuf datagram);

    /**
     * Sets the receiver of datagrams from the peer; it owns each buffer and must release it.
     *
     * @param handler the receiver
     */
    void setDatagramHandler(Consumer<ByteBuf> handler);

    /**
     * Closes the connection with an application error code (QUIC CONNECTION_CLOSE, HTTP/2 GOAWAY then TCP close).
     *
     * @param errorCode 0 for a normal close
     * @param reason a short reason, may be empty
     * @return completes when closed
     */
    CompletableFuture<Void> close(long errorCode, String reason);

    /**
     * Completes when the connection has ended, for whatever reason; never fails.
     *
     * @return the future
     */
    CompletableFuture<ConnectionClosed> closeFuture();
}
