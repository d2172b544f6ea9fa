package io.tunnelagent.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** RPC over a tunnel stream, connector side, writing in order from one non-transport thread. */
final class TestRpcTransport implements RpcTransport, StreamInboundHandler {

    private final TunnelStream stream;
    private final java.util.concurrent.Executor writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile RpcInbound inbound;

    TestRpcTransport(TunnelStream stream, java.util.concurrent.Executor writer) {
        this.stream = stream;
        this.writer = writer;
    }

    void start(RpcInbound target) {
        inbound = target;
        stream.setInboundHandler(this);
    }

    @Override
    public void send(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
        writer.execute(() -> stream.write(Unpooled.wrappedBuffer(copy)));
    }

    @Override
    public void close() {
        writer.execute(stream::shutdownOutput);
    }

    @Override
    public void onData(TunnelStream source, ByteBuf data) {
        try {
            if (!ended.get()) {
                inbound.receive(data.nioBuffer());
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void onInputShutdown(TunnelStream source) {
        if (ended.compareAndSet(false, true)) {
            inbound.inputClosed();
        }
    }

    @Override
    public void onClosed(TunnelStream source) {
        onInputShutdown(source);
    }
}
