package io.tunnelagent.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory edge side of one data stream: the test pushes the request body and reads what the connector answers.
 * Inbound callbacks run on one event loop, in order, like a transport's. In {@linkplain #slowReader() slow-reader}
 * mode, writes stay queued (and the stream unwritable above 64 KiB) until the test {@linkplain #drain() drains}
 * them, which exercises the proxy's backpressure.
 */
final class MemoryDataStream implements IncomingDataStream, TunnelStream {

    private static final Object END = new Object();
    private static final int HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final ConnectRequest request;
    private final long id;
    private final CompletableFuture<ConnectResponse> response = new CompletableFuture<>();
    private final AtomicInteger responses = new AtomicInteger();
    private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Long> reset = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Queue<Object> inbound = new ArrayDeque<>();
    private final BlockingQueue<Pending> outbound = new LinkedBlockingQueue<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicInteger pauses = new AtomicInteger();
    private final CompletableFuture<Void> firstPause = new CompletableFuture<>();
    private long queuedBytes;
    private long maxQueuedBytes;
    private boolean slow;
    private @Nullable StreamInboundHandler handler;
    private boolean autoRead = true;

    MemoryDataStream(EventLoop loop, ConnectRequest request, long id) {
        this.loop = loop;
        this.request = request;
        this.id = id;
    }

    MemoryDataStream slowReader() {
        this.slow = true;
        return this;
    }

    // ---- edge side, used by tests

    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        ByteBuf data = Unpooled.copiedBuffer(bytes);
        this.loop.execute(() -> {
            this.inbound.add(data);
            deliver();
        });
    }

    void endInput() {
        this.loop.execute(() -> {
            this.inbound.add(END);
            deliver();
        });
    }

    /**
     * Waits up to 100 ms for queued writes (slow-reader mode), then takes every queued write, counting and releasing
     * it; returns how many bytes.
     */
    long drain() throws InterruptedException {
        long total = 0;
        Pending first = this.outbound.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
            synchronized (this) {
                this.queuedBytes -= first.data.readableBytes();
            }
            total += first.data.readableBytes();
            this.bodyBytes.addAndGet(first.data.readableBytes());
            first.data.release();
            first.future.complete(null);
        }
        Pending next;
        while ((next = poll()) != null) {
            total += next.data.readableBytes();
            this.bodyBytes.addAndGet(next.data.readableBytes());
            next.data.release();
            next.future.complete(null);
        }
        this.loop.execute(() -> {
            StreamInboundHandler current = this.handler;
            if (current != null) {
                current.onWritabilityChanged(this);
            }
        });
        return total;
    }

    CompletableFuture<ConnectResponse> response() {
        return this.response;
    }

    int responseCount() {
        return this.responses.get();
    }

    synchronized String bodyText() {
        return this.body.toString(StandardCharsets.UTF_8);
    }

    synchronized byte[] bodyBytes() {
        return this.body.toByteArray();
    }

    /** Waits until at least {@code count} response body bytes arrived; returns whether they did in time. */
    synchronized boolean awaitBodyBytes(long count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.bodyBytes.get() < count) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                return false;
            }
            wait(remaining);
        }
        return true;
    }

    long bodyByteCount() {
        return this.bodyBytes.get();
    }

    synchronized long maxQueuedBytes() {
        return this.maxQueuedBytes;
    }

    int pauses() {
        return this.pauses.get();
    }

    /** Completes when the proxy first stops reading the request body (backpressure). */
    CompletableFuture<Void> firstPause() {
        return this.firstPause;
    }

    CompletableFuture<Void> outputEnded() {
        return this.outputEnded;
    }

    CompletableFuture<Long> resetCode() {
        return this.reset;
    }

    // ---- IncomingDataStream

    @Override
    public ConnectRequest request() {
        return this.request;
    }

    @Override
    public TunnelStream stream() {
        return this;
    }

    @Override
    public CompletableFuture<Void> respond(ConnectResponse connectResponse) {
        this.responses.incrementAndGet();
        this.response.complete(connectResponse);
        return CompletableFuture.completedFuture(null);
    }

    // ---- TunnelStream

    @Override
    public long id() {
        return this.id;
    }

    @Override
    public ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void setInboundHandler(StreamInboundHandler inboundHandler) {
        this.loop.execute(() -> {
            this.handler = inboundHandler;
            deliver();
        });
    }

    @Override
    public void setAutoRead(boolean read) {
        this.loop.execute(() -> {
            if (!read && this.autoRead) {
                this.pauses.incrementAndGet();
                this.firstPause.complete(null);
            }
            this.autoRead = read;
            deliver();
        });
    }

    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (this) {
            if (this.outputEnded.isDone() || this.closed.isDone()) {
                data.release();
                return CompletableFuture.failedFuture(new IllegalStateException("stream " + this.id + " is closed"));
            }
            if (this.slow) {
                this.outbound.add(new Pending(data, future));
                this.queuedBytes += data.readableBytes();
                this.maxQueuedBytes = Math.max(this.maxQueuedBytes, this.queuedBytes);
                return future;
            }
            this.bodyBytes.addAndGet(data.readableBytes());
            this.body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(data));
            data.release();
            notifyAll();
        }
        future.complete(null);
        return future;
    }

    @Override
    public synchronized boolean isWritable() {
        return this.queuedBytes < HIGH_WATER;
    }

    @Override
    public CompletableFuture<Void> shutdownOutput() {
        this.outputEnded.complete(null);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void reset(long errorCode) {
        this.reset.complete(errorCode);
        markClosed();
    }

    @Override
    public CompletableFuture<Void> close() {
        this.outputEnded.complete(null);
        markClosed();
        return this.closed;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return this.closed;
    }

    private void markClosed() {
        this.loop.execute(() -> {
            if (this.closed.complete(null)) {
                StreamInboundHandler current = this.handler;
                if (current != null) {
                    current.onClosed(this);
                }
                Object pending;
                while ((pending = this.inbound.poll()) != null) {
                    if (pending instanceof ByteBuf data) {
                        data.release();
                    }
                }
            }
        });
    }

    private synchronized @Nullable Pending poll() {
        Pending next = this.outbound.poll();
        if (next != null) {
            this.queuedBytes -= next.data.readableBytes();
        }
        return next;
    }

    private void deliver() {
        StreamInboundHandler current = this.handler;
        while (current != null && this.autoRead && !this.closed.isDone() && !this.inbound.isEmpty()) {
            Object next = this.inbound.poll();
            if (next == END) {
                current.onInputShutdown(this);
            } else {
                current.onData(this, (ByteBuf) next);
            }
        }
    }

    private record Pending(ByteBuf data, CompletableFuture<Void> future) {}
}
