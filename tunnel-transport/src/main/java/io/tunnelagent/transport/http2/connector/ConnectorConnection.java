package io.tunnelagent.transport.http2.connector;

import io.netty.channel.Channel;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.channel.Http2Session;
import io.tunnelagent.transport.http2.channel.Http2TunnelConnection;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector-role HTTP/2 connection: the edge's requests arrive as streams; the {@code control-stream} request
 * completes {@link #controlStream()}, the others go to the incoming stream handler. Streams that arrive before the
 * handler is set wait for it. A handler takes effect when {@link #setIncomingStreamHandler} returns: every stream
 * classified afterwards goes to it, also when the call came from another thread and its hand-over to the event loop
 * is still queued behind the socket read that classifies the stream. All other state lives on the connection's
 * event loop (stream channels share it).
 */
final class ConnectorConnection extends Http2TunnelConnection {

    private static final Logger log = LoggerFactory.getLogger(ConnectorConnection.class);

    private final CompletableFuture<TunnelStream> controlStream = new CompletableFuture<>();
    private final Queue<IncomingStream> waiting = new ArrayDeque<>();
    private volatile @Nullable Consumer<IncomingStream> handler;

    ConnectorConnection(Channel channel, Http2Session session) {
        super(channel, session);
        session.closeFuture()
                .thenAccept(closed -> controlStream.completeExceptionally(new TransportException(
                        "The HTTP/2 connection to the edge ended before the edge opened the control stream: "
                                + closed.reason())));
    }

    /** Called on the event loop when the edge's control-stream request arrived. */
    void controlStreamArrived(TunnelStream stream) {
        if (!controlStream.complete(stream)) {
            log.debug("[{}] Refusing a second control stream {}", channel.id(), stream.id());
            stream.reset(0x7);
        }
    }

    /**
     * Called on the event loop for every classified request. While streams wait, a later one waits behind them: the
     * task that {@link #setIncomingStreamHandler} queued hands them all over in order.
     */
    void deliver(IncomingStream stream) {
        Consumer<IncomingStream> current = handler;
        if (current == null || !waiting.isEmpty()) {
            waiting.add(stream);
        } else {
            dispatch(current, stream);
        }
    }

    @Override
    public void setIncomingStreamHandler(Consumer<IncomingStream> handler) {
        this.handler = handler;
        channel.eventLoop().execute(this::dispatchWaiting);
    }

    private void dispatchWaiting() {
        IncomingStream next;
        while ((next = waiting.poll()) != null) {
            dispatch(Objects.requireNonNull(handler), next);
        }
    }

    private void dispatch(Consumer<IncomingStream> current, IncomingStream stream) {
        try {
            current.accept(stream);
        } catch (RuntimeException ex) {
            log.warn(
                    "[{}] Incoming stream handler failed on stream {}; resetting it",
                    channel.id(),
                    stream.stream().id(),
                    ex);
            stream.stream().reset(0x2);
        }
    }

    @Override
    public TunnelRole role() {
        return TunnelRole.CONNECTOR;
    }

    @Override
    public CompletableFuture<TunnelStream> controlStream() {
        return controlStream;
    }

    @Override
    public CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request) {
        throw new UnsupportedOperationException("Only the edge opens data streams; this is a connector connection");
    }

    @Override
    public String toString() {
        return "Http2ConnectorConnection[" + channel.remoteAddress() + "]";
    }
}
