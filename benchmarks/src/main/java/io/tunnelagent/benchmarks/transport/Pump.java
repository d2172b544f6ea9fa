package io.tunnelagent.benchmarks.transport;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@code total} bytes on a stream in chunks (64 KiB by default) with a bounded number of writes in flight, then FIN; and
 * counts what arrives until the peer's FIN.
 */
final class Pump implements StreamInboundHandler {

    /** Default write size. */
    static final int CHUNK = 64 * 1024;

    private static final int IN_FLIGHT = 8;

    final CompletableFuture<Void> sent = new CompletableFuture<>();
    final CompletableFuture<Long> received = new CompletableFuture<>();
    private final TunnelStream stream;
    private final long total;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final int chunkSize;
    private final byte[] payload;

    Pump(TunnelStream stream, long total) {
        this(stream, total, CHUNK);
    }

    Pump(TunnelStream stream, long total, int chunkSize) {
        this.stream = stream;
        this.total = total;
        this.chunkSize = chunkSize;
        this.payload = new byte[chunkSize];
    }

    void start() {
        stream.setInboundHandler(this);
        for (int i = 0; i < IN_FLIGHT; i++) {
            next();
        }
    }

    private void next() {
        long offset = queued.getAndAdd(chunkSize);
        if (offset >= total) {
            return;
        }
        int size = (int) Math.min(chunkSize, total - offset);
        ByteBuf chunk = stream.alloc().buffer(size).writeBytes(payload, 0, size);
        stream.write(chunk).whenComplete((ok, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else if (offset + size >= total) {
                stream.shutdownOutput().whenComplete((fin, finFailure) -> sent.complete(null));
            } else {
                next();
            }
        });
    }

    @Override
    public void onData(TunnelStream stream, ByteBuf data) {
        receivedBytes.addAndGet(data.readableBytes());
        data.release();
    }

    @Override
    public void onInputShutdown(TunnelStream stream) {
        received.complete(receivedBytes.get());
    }

    @Override
    public void onReset(TunnelStream stream, long errorCode) {
        received.completeExceptionally(new IllegalStateException("stream reset with " + errorCode));
    }

    @Override
    public void onClosed(TunnelStream stream) {
        received.complete(receivedBytes.get());
    }

    long receivedSoFar() {
        return receivedBytes.get();
    }
}
