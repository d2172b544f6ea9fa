package io.tunnelagent.transport.http2.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the connector-role and the edge-role HTTP/2 connections share: the socket addresses, no RPC streams and no
 * datagrams (protocol doc 5.8), and closing through the {@link Http2Session}.
 */
public abstract class Http2TunnelConnection implements TunnelConnection {

    /** The TLS socket channel carrying the HTTP/2 connection. */
    protected final Channel channel;

    /** Closing (GOAWAY then TCP close) and the close future. */
    protected final Http2Session session;

    /**
     * Creates the shared part.
     *
     * @param channel the socket channel
     * @param session the session of that channel
     */
    protected Http2TunnelConnection(Channel channel, Http2Session session) {
        this.channel = channel;
        this.session = session;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.HTTP2;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public CompletableFuture<TunnelStream> openRpcStream() {
        throw new UnsupportedOperationException(
                "HTTP/2 tunnel connections carry RPC only on the control stream; RPC streams need QUIC");
    }

    @Override
    public int maxDatagramSize() {
        return 0;
    }

    @Override
    public CompletableFuture<Void> sendDatagram(ByteBuf datagram) {
        datagram.release();
        return CompletableFuture.failedFuture(new TransportException(
                "HTTP/2 tunnel connections carry no datagrams (UDP, ICMP); use the QUIC transport for them"));
    }

    @Override
    public void setDatagramHandler(Consumer<ByteBuf> handler) {
        // No datagram ever arrives on HTTP/2.
    }

    @Override
    public CompletableFuture<Void> close(long errorCode, String reason) {
        return session.close(errorCode, reason);
    }

    @Override
    public CompletableFuture<ConnectionClosed> closeFuture() {
        return session.closeFuture();
    }
}
