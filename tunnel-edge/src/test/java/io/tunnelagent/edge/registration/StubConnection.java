package io.tunnelagent.edge.registration;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A transport connection with no transport, for driving the registration server from byte vectors. */
final class StubConnection implements TunnelConnection {

    final CompletableFuture<ConnectionClosed> closed = new CompletableFuture<>();
    private final TransportProtocol protocol;

    StubConnection(TransportProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public TunnelRole role() {
        return TunnelRole.EDGE;
    }

    @Override
    public TransportProtocol protocol() {
        return protocol;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 7844);
    }

    @Override
    public CompletableFuture<TunnelStream> controlStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setIncomingStreamHandler(Consumer<IncomingStream> handler) {}

    @Override
    public CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<TunnelStream> openRpcStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int maxDatagramSize() {
        return 0;
    }

    @Override
    public CompletableFuture<Void> sendDatagram(ByteBuf datagram) {
        datagram.release();
        throw new UnsupportedOperationException();
    }

    @Override
    public void setDatagramHandler(Consumer<ByteBuf> handler) {}

    @Override
    public CompletableFuture<Void> close(long errorCode, String reason) {
        closed.complete(null);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ConnectionClosed> closeFuture() {
        return closed;
    }
}
