package io.tunnelagent.edge.registration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Carries Cap'n Proto RPC over a {@link TunnelStream}: frames out as writes, reads in as {@link RpcInbound} calls.
 * Every write goes through one single-threaded executor that is never a transport thread: a write made on the
 * stream's event loop would otherwise overtake writes queued to it from other threads, and the peer would see, for
 * example, a Finish before the Call it follows.
 */
final class StreamRpcTransport implements RpcTransport, StreamInboundHandler {

    private final TunnelStream stream;
    private final java.util.concurrent.Executor writer;
    private final AtomicBoolean inputEnded = new AtomicBoolean();
    private volatile @Nullable RpcInbound inbound;

    StreamRpcTransport(TunnelStream stream, java.util.concurrent.Executor writer) {
        this.stream = stream;
        this.writer = writer;
    }

    void start(RpcInbound target) {
        this.inbound = target;
        stream.setInboundHandler(this);
    }

    @Override
    public void send(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
        writer.execute(() -> stream.write(Unpooled.wrappedBuffer(copy)));
    }

    @Override
    public void close() {
        writer.execute(stream::close);
    }

    @Override
    public void onData(TunnelStream source, ByteBuf data) {
        try {
            RpcInbound target = inbound;
            if (target != null && !inputEnded.get()) {
                target.receive(data.nioBuffer());
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
        endInput(new IllegalStateException("The control stream was reset with code " + errorCode));
    }

    @Override
    public void onClosed(TunnelStream source) {
        endInput(null);
    }

    private void endInput(@Nullable Throwable failure) {
        RpcInbound target = inbound;
        if (target == null || !inputEnded.compareAndSet(false, true)) {
            return;
        }
        if (failure != null) {
            target.failed(failure);
        } else {
            target.inputClosed();
        }
    }
}
