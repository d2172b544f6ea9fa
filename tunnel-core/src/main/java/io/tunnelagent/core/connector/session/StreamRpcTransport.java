package io.tunnelagent.core.connector.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** Carries RPC messages over a {@link TunnelStream}: writes frames, feeds inbound bytes to the RPC connection. */
final class StreamRpcTransport implements RpcTransport, StreamInboundHandler {

    private final TunnelStream stream;

    private final AtomicBoolean inputEnded = new AtomicBoolean();

    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile @Nullable RpcInbound inbound;

    StreamRpcTransport(TunnelStream stream) {
        this.stream = stream;
    }

    /** Starts delivering inbound bytes; call once, right after the RPC connection was built. */
    void start(RpcInbound rpc) {
        this.inbound = rpc;
        this.stream.setInboundHandler(this);
    }

    @Override
    public void send(ByteBuffer frame) {
        this.stream.write(Unpooled.wrappedBuffer(frame)).whenComplete((ignored, error) -> {
            RpcInbound rpc = this.inbound;
            if (error != null && rpc != null && !this.closed.get()) {
                rpc.failed(error);
            }
        });
    }

    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.stream.close();
        }
    }

    @Override
    public void onData(TunnelStream source, ByteBuf data) {
        try {
            ByteBuffer copy = ByteBuffer.allocate(data.readableBytes());
            data.readBytes(copy);
            copy.flip();
            RpcInbound rpc = this.inbound;
            if (rpc != null) {
                rpc.receive(copy);
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
