package io.tunnelagent.transport.quic.kwik;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.quic.StreamHeads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/** A connector-role {@link TunnelConnection} over a Kwik client connection. */
final class KwikConnection implements TunnelConnection {

    private static final Logger log = LoggerFactory.getLogger(KwikConnection.class);

    private static final java.util.regex.Pattern APPLICATION_ERROR =
            java.util.regex.Pattern.compile("Application error: \\d+ \\((.*)\\)", java.util.regex.Pattern.DOTALL);

    private final QuicClientConnection connection;
    private final InetSocketAddress remote;
    private final Executor pool;
    private final String logPrefix;
    private final CompletableFuture<TunnelStream> controlStream = new CompletableFuture<>();
    private final AtomicBoolean controlRequested = new AtomicBoolean();
    private final CompletableFuture<ConnectionClosed> closeFuture = new CompletableFuture<>();
    private final Set<KwikTunnelStream> streams = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Consumer<IncomingStream>> streamHandler = new CompletableFuture<>();
    private volatile @Nullable Consumer<ByteBuf> datagramHandler;
    private volatile boolean closedLocally;
    private volatile long localCode;
    private volatile String localReason = "";

    KwikConnection(QuicClientConnection connection, InetSocketAddress remote, Executor pool) {
        this.connection = connection;
        this.remote = remote;
        this.pool = pool;
        this.logPrefix = "[connector " + remote + " kwik]";
        connection.setConnectionListener(this::terminated);
        connection.setPeerInitiatedStreamCallback(stream -> pool.execute(() -> readHead(stream)));
        connection.setDatagramHandler(this::onDatagram, datagramExecutor());
    }

    private static java.util.concurrent.ExecutorService datagramExecutor() {
        return java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kwik-datagrams");
            thread.setDaemon(true);
            return thread;
        });
    }

    private void readHead(QuicStream stream) {
        new KwikStreamHead(stream, pool, logPrefix, this::track)
                .read()
                .ifPresent(incoming -> streamHandler.thenAccept(handler -> handler.accept(incoming)));
    }

    private KwikTunnelStream track(KwikTunnelStream stream) {
        streams.add(stream);
        stream.closeFuture().thenRun(() -> streams.remove(stream));
        return stream;
    }

    private void onDatagram(byte[] data) {
        Consumer<ByteBuf> handler = datagramHandler;
        if (handler != null && !(data.length == 1 && data[0] == (byte) 0xFF)) {
            handler.accept(Unpooled.wrappedBuffer(data));
        }
    }

    private void terminated(ConnectionTerminatedEvent event) {
        ConnectionClosed closed;
        if (closedLocally) {
            closed = new ConnectionClosed(false, localCode, localReason, null);
        } else if (event.hasApplicationError()) {
            closed = new ConnectionClosed(true, event.applicationErrorCode(), reason(event.errorDescription()), null);
        } else if (event.closeReason() == ConnectionTerminatedEvent.CloseReason.ImmediateClose) {
            long code = event.hasTransportError() ? event.transportErrorCode() : 0;
            closed = new ConnectionClosed(event.closedByPeer(), code, String.valueOf(event.errorDescription()), null);
        } else {
            closed = new ConnectionClosed(true, -1, "connection ended: " + event.closeReason(), null);
        }
        log.debug("{} connection closed: {}", logPrefix, closed);
        controlStream.completeExceptionally(new TransportException("Connection closed before its control stream"));
        streams.forEach(KwikTunnelStream::connectionClosed);
        closeFuture.complete(closed);
    }

    private static String reason(@Nullable String description) {
        if (description == null) {
            return "";
        }
        java.util.regex.Matcher matcher = APPLICATION_ERROR.matcher(description);
        return matcher.matches() ? matcher.group(1) : description;
    }

    @Override
    public TunnelRole role() {
        return TunnelRole.CONNECTOR;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.QUIC;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return connection.getLocalAddress();
    }

    @Override
    public CompletableFuture<TunnelStream> controlStream() {
        if (controlRequested.compareAndSet(false, true)) {
            openStream().whenComplete((stream, failure) -> {
                if (failure != null) {
                    controlStream.completeExceptionally(failure);
                } else {
                    controlStream.complete(stream);
                }
            });
        }
        return controlStream;
    }

    @Override
    public void setIncomingStreamHandler(Consumer<IncomingStream> handler) {
        streamHandler.complete(handler);
    }

    @Override
    public CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request) {
        throw new UnsupportedOperationException("Only the edge opens data streams; the connector answers them");
    }

    @Override
    public CompletableFuture<TunnelStream> openRpcStream() {
        return openStream()
                .thenCompose(stream ->
                        stream.write(StreamHeads.rpcSignature(stream.alloc())).thenApply(written -> stream));
    }

    private CompletableFuture<TunnelStream> openStream() {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return track(new KwikTunnelStream(connection.createStream(true), pool, null));
                    } catch (IOException ex) {
                        throw new TransportException("Cannot open a QUIC stream to " + remote + ": " + ex, ex);
                    }
                },
                pool);
    }

    @Override
    public int maxDatagramSize() {
        return connection.canSendDatagram() ? connection.maxDatagramDataSize() : 0;
    }

    @Override
    public CompletableFuture<Void> sendDatagram(ByteBuf datagram) {
        try {
            if (!connection.canSendDatagram()) {
                return CompletableFuture.failedFuture(
                        new TransportException("The peer has not enabled QUIC datagrams"));
            }
            connection.sendDatagram(ByteBufUtil.getBytes(datagram));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(new TransportException("Datagram not sent: " + ex, ex));
        } finally {
            datagram.release();
        }
    }

    @Override
    public void setDatagramHandler(Consumer<ByteBuf> handler) {
        datagramHandler = handler;
    }

    @Override
    public CompletableFuture<Void> close(long errorCode, String reason) {
        if (!closeFuture.isDone() && !closedLocally) {
            closedLocally = true;
            localCode = errorCode;
            localReason = reason;
            pool.execute(() -> {
                connection.close(errorCode, reason);
                // Kwik reports a local close only after its draining period; the connection is closed for us now
                terminated(new ConnectionTerminatedEvent(
                        connection, ConnectionTerminatedEvent.CloseReason.ImmediateClose, false));
            });
        }
        return closeFuture.thenApply(closed -> null);
    }

    @Override
    public CompletableFuture<ConnectionClosed> closeFuture() {
        return closeFuture;
    }

    @Override
    public String toString() {
        return "KwikConnection" + logPrefix;
    }
}
