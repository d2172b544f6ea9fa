package io.tunnelagent.benchmarks.transport;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a fixed number of bytes on a stream as fast as backpressure allows (writing on the stream's event loop while
 * it is writable) and counts the bytes that arrive until the peer ends its side.
 */
final class Http2StreamPump implements StreamInboundHandler {

    private final ChannelTunnelStream stream;
    private final ByteBuf chunk;
    private final CompletableFuture<Void> sent = new CompletableFuture<>();
    private final CompletableFuture<Long> received = new CompletableFuture<>();
    private long remaining;
    private long count;

    Http2StreamPump(TunnelStream stream, ByteBuf chunk, long bytes) {
        this.stream = (ChannelTunnelStream) stream;
        this.chunk = chunk;
        this.remaining = bytes;
    }

    /** Installs the pump as the stream's handler and starts sending. */
    Http2StreamPump start() {
        stream.setInboundHandler(this);
        stream.channel().eventLoop().execute(this::pump);
        return this;
    }

    CompletableFuture<Void> sent() {
        return sent;
    }

    CompletableFuture<Long> received() {
        return received;
    }

    private void pump() {
        while (remaining > 0 && stream.isWritable()) {
            int size = (int) Math.min(chunk.readableBytes(), remaining);
            remaining -= size;
            stream.write(chunk.retainedSlice(chunk.readerIndex(), size));
        }
        if (remaining == 0 && !sent.isDone()) {
            stream.shutdownOutput().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    sent.completeExceptionally(failure);
                } else {
                    sent.complete(null);
                }
            });
        }
    }

    @Override
    public void onData(TunnelStream ignored, ByteBuf data) {
        count += data.readableBytes();
        data.release();
    }

    @Override
    public void onInputShutdown(TunnelStream ignored) {
        received.complete(count);
    }

    @Override
    public void onWritabilityChanged(TunnelStream ignored) {
        pump();
    }

    @Override
    public void onReset(TunnelStream ignored, long errorCode) {
        received.completeExceptionally(new IllegalStateException("stream reset with code " + errorCode));
    }
}
