package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicStreams;
import io.tunnelagent.transport.quic.StreamHeadReader;
import io.tunnelagent.transport.quic.StreamHeads;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TunnelConnection} over a Netty {@link QuicChannel}, either role. Stream 0 is the control stream (opened
 * by the connector); the connector classifies edge-opened streams by signature, the edge accepts only RPC streams
 * after the control stream. Every mutable field is touched on the channel's event loop only.
 */
final class NettyQuicConnection implements TunnelConnection {

    private static final Logger log = LoggerFactory.getLogger(NettyQuicConnection.class);
    private static final int MAX_QUEUED_STREAMS = 1024;

    private final QuicChannel channel;
    private final TunnelRole role;
    private final @Nullable Channel ownedSocket;
    private final String logPrefix;
    private final CompletableFuture<TunnelStream> controlStream = new CompletableFuture<>();
    private final AtomicBoolean controlRequested = new AtomicBoolean();
    private final CompletableFuture<ConnectionClosed> closeFuture = new CompletableFuture<>();
    private final Queue<IncomingStream> queuedStreams = new ArrayDeque<>();

    private volatile @Nullable Consumer<IncomingStream> streamHandler;
    private volatile @Nullable Consumer<ByteBuf> datagramHandler;
    private volatile int maxDatagramSize;
    private volatile boolean closedLocally;
    private volatile long localCode;
    private volatile String localReason = "";

    NettyQuicConnection(QuicChannel channel, TunnelRole role, QuicSettings settings, @Nullable Channel ownedSocket) {
        this.channel = channel;
        this.role = role;
        this.ownedSocket = ownedSocket;
        this.logPrefix =
                "[" + role.name().toLowerCase(java.util.Locale.ROOT) + " " + channel.remoteSocketAddress() + "]";
        KeepAlive.start(channel, settings.keepAlivePeriod(), () -> maxDatagramSize);
    }

    /**
     * Sets up a stream the peer opened (called on the event loop from the stream initializer).
     *
     * @param stream the new stream channel
     */
    void onPeerStream(QuicStreamChannel stream) {
        stream.config().setAllowHalfClosure(true);
        stream.pipeline().addLast(ResetSignals.INSTANCE);
        if (stream.type() != QuicStreamType.BIDIRECTIONAL) {
            log.debug("{} unidirectional stream {} refused", logPrefix, stream.streamId());
            stream.shutdownInput(0).addListener(f -> stream.close());
            return;
        }
        if (role == TunnelRole.EDGE && stream.streamId() == 0) {
            controlStream.complete(
                    ChannelTunnelStream.attach(stream, stream.streamId(), QuicStreamOperations.INSTANCE));
            return;
        }
        StreamHeadReader.Expect expect =
                role == TunnelRole.CONNECTOR ? StreamHeadReader.Expect.REQUEST_OR_RPC : StreamHeadReader.Expect.RPC;
        stream.pipeline().addLast(new IncomingHeadHandler(logPrefix, expect, this::deliver));
    }

    /** On the event loop; a stream waits behind queued ones, which the task of setIncomingStreamHandler hands over. */
    private void deliver(IncomingStream incoming) {
        Consumer<IncomingStream> handler = streamHandler;
        if (handler != null && queuedStreams.isEmpty()) {
            handler.accept(incoming);
        } else if (queuedStreams.size() < MAX_QUEUED_STREAMS) {
            queuedStreams.add(incoming);
        } else {
            log.debug(
                    "{} no stream handler set; stream {} reset",
                    logPrefix,
                    incoming.stream().id());
            incoming.stream().reset(0);
        }
    }

    void onDatagram(ByteBuf datagram) {
        Consumer<ByteBuf> handler = datagramHandler;
        if (handler == null) {
            datagram.release();
        } else {
            handler.accept(datagram);
        }
    }

    void maxDatagramSize(int size) {
        maxDatagramSize = size;
    }

    void onInactive(@Nullable QuicConnectionCloseEvent peerClose, boolean timedOut) {
        ConnectionClosed closed;
        if (closedLocally) {
            closed = new ConnectionClosed(false, localCode, localReason, null);
        } else if (peerClose != null) {
            String reason = new String(peerClose.reason(), StandardCharsets.UTF_8);
            closed = new ConnectionClosed(true, peerClose.error(), reason, null);
        } else if (timedOut) {
            closed = new ConnectionClosed(true, -1, "idle timeout: no packets from the peer", null);
        } else {
            closed = new ConnectionClosed(true, -1, "connection ended", null);
        }
        log.debug("{} connection closed: {}", logPrefix, closed);
        controlStream.completeExceptionally(new TransportException("Connection closed before its control stream"));
        queuedStreams.forEach(queued -> queued.stream().reset(0));
        queuedStreams.clear();
        if (ownedSocket != null) {
            ownedSocket.close();
        }
        closeFuture.complete(closed);
    }

    @Override
    public TunnelRole role() {
        return role;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.QUIC;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteSocketAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localSocketAddress();
    }

    @Override
    public CompletableFuture<TunnelStream> controlStream() {
        if (role == TunnelRole.CONNECTOR && controlRequested.compareAndSet(false, true)) {
            openStream()
                    .thenCompose(stream -> {
                        controlStream.complete(stream);
                        return controlStream;
                    })
                    .exceptionally(failure -> {
                        controlStream.completeExceptionally(failure);
                        return null;
                    });
        }
        return controlStream;
    }

    @Override
    public void setIncomingStreamHandler(Consumer<IncomingStream> handler) {
        // In effect at once: a stream whose head is read before the task below runs goes to this handler already.
        streamHandler = handler;
        channel.eventLoop().execute(() -> {
            IncomingStream queued;
            while ((queued = queuedStreams.poll()) != null) {
                Objects.requireNonNull(streamHandler).accept(queued);
            }
        });
    }

    @Override
    public CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request) {
        if (role != TunnelRole.EDGE) {
            throw new UnsupportedOperationException("Only the edge opens data streams; the connector answers them");
        }
        CompletableFuture<ConnectResponse> response = new CompletableFuture<>();
        return openStream(new ResponseHeadHandler(response))
                .thenCompose(stream -> stream.write(StreamHeads.request(stream.alloc(), request))
                        .thenApply(written -> QuicStreams.outgoingData(stream, response)));
    }

    @Override
    public CompletableFuture<TunnelStream> openRpcStream() {
        return openStream()
                .thenCompose(stream ->
                        stream.write(StreamHeads.rpcSignature(stream.alloc())).thenApply(written -> stream));
    }

    /**
     * Opens a bidirectional stream with no head written (package-private for tests that write raw heads).
     *
     * @param first handlers to put first in the stream's pipeline
     * @return the stream
     */
    CompletableFuture<TunnelStream> openStream(io.netty.channel.ChannelHandler... first) {
        CompletableFuture<TunnelStream> result = new CompletableFuture<>();
        Future<QuicStreamChannel> created =
                channel.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        stream.config().setAllowHalfClosure(true);
                        stream.pipeline().addLast(ResetSignals.INSTANCE);
                        stream.pipeline().addLast(first);
                    }
                });
        created.addListener(f -> {
            if (f.isSuccess()) {
                QuicStreamChannel stream = created.getNow();
                result.complete(ChannelTunnelStream.attach(stream, stream.streamId(), QuicStreamOperations.INSTANCE));
            } else {
                result.completeExceptionally(new TransportException(
                        "Cannot open a QUIC stream to " + channel.remoteSocketAddress() + ": " + f.cause(), f.cause()));
            }
        });
        return result;
    }

    @Override
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    @Override
    public CompletableFuture<Void> sendDatagram(ByteBuf datagram) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (maxDatagramSize == 0) {
            ReferenceCountUtil.release(datagram);
            result.completeExceptionally(new TransportException("The peer has not enabled QUIC datagrams"));
            return result;
        }
        channel.writeAndFlush(datagram).addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new TransportException("Datagram not sent: " + f.cause(), f.cause()));
            }
        });
        return result;
    }

    @Override
    public void setDatagramHandler(Consumer<ByteBuf> handler) {
        datagramHandler = handler;
    }

    @Override
    public CompletableFuture<Void> close(long errorCode, String reason) {
        channel.eventLoop().execute(() -> {
            if (!closeFuture.isDone() && !closedLocally) {
                closedLocally = true;
                localCode = errorCode;
                localReason = reason;
                channel.close(
                        true,
                        QuicStreamOperations.applicationCode(errorCode),
                        Unpooled.copiedBuffer(reason, StandardCharsets.UTF_8));
            }
        });
        return closeFuture.thenApply(closed -> null);
    }

    @Override
    public CompletableFuture<ConnectionClosed> closeFuture() {
        return closeFuture;
    }

    @Override
    public String toString() {
        return "QuicConnection" + logPrefix;
    }
}
