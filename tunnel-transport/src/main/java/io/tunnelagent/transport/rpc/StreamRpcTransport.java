package io.tunnelagent.transport.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Carries Cap'n Proto RPC over a {@link TunnelStream}, in either role: frames go out as stream writes, bytes read
 * come in as {@link RpcInbound} calls, the end of the stream or a reset ends the RPC connection's input.
 *
 * <p>Create it, build the RPC connection on it, then {@link #start(RpcInbound)}. Writes and the close are made on
 * the given {@code writer} executor: pass a single-threaded one to keep the frames in the order the RPC connection
 * sent them whatever thread sends (the edge does), or {@link #direct(TunnelStream)} when the stream's own ordering
 * suffices. A failed write fails the RPC connection unless the transport was closed first.
 */
public final class StreamRpcTransport implements RpcTransport, StreamInboundHandler {

    private final TunnelStream stream;

    private final Executor writer;

    private final AtomicBoolean inputEnded = new AtomicBoolean();

    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile @Nullable RpcInbound inbound;

    private StreamRpcTransport(TunnelStream stream, Executor writer) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * A transport whose writes are made on the calling thread.
     *
     * @param stream the control or RPC stream
     * @return the transport, not started yet
     */
    public static StreamRpcTransport direct(TunnelStream stream) {
        return new StreamRpcTransport(stream, Runnable::run);
    }

    /**
     * A transport whose writes and close are made on {@code writer}, in submission order when it is single-threaded.
     *
     * @param stream the control or RPC stream
     * @param writer where writes are made; never a transport event loop
     * @return the transport, not started yet
     */
    public static StreamRpcTransport writingOn(TunnelStream stream, Executor writer) {
        return new StreamRpcTransport(stream, writer);
    }

    /**
     * Starts delivering the stream's bytes; call once, right after the RPC connection was built on this transport.
     *
     * @param rpc the RPC connection's inbound side
     */
    public void start(RpcInbound rpc) {
        this.inbound = Objects.requireNonNull(rpc, "rpc");
        this.stream.setInboundHandler(this);
    }

    @Override
    public void send(ByteBuffer frame) {
        ByteBuf bytes = Unpooled.wrappedBuffer(frame);
        this.writer.execute(() -> this.stream.write(bytes).whenComplete((ignored, error) -> {
            if (error != null && !this.closed.get()) {
                endInput(error);
            }
        }));
    }

    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.writer.execute(this.stream::close);
        }
    }

    @Override
    public void onData(TunnelStream source, ByteBuf data) {
        try {
            RpcInbound rpc = this.inbound;
            if (rpc != null && !this.inputEnded.get()) {
                rpc.receive(data.nioBuffer());
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void onInputShutdown(TunnelStream source) {
        endInput(null);
    }

    @Override
    public void onReset(TunnelStream source, long errorCode) {
        endInput(new TransportException("The RPC stream was reset by the peer (code " + errorCode + ")"));
    }

    @Override
    public void onClosed(TunnelStream source) {
        endInput(null);
    }

    private void endInput(@Nullable Throwable failure) {
        RpcInbound rpc = this.inbound;
        if (rpc == null || !this.inputEnded.compareAndSet(false, true)) {
            return;
        }
        if (failure != null) {
            rpc.failed(failure);
        } else {
            rpc.inputClosed();
        }
    }
}
