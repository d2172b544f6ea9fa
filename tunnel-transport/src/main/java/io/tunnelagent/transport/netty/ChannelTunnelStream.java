package io.tunnelagent.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TunnelStream} over a Netty stream channel whose inbound messages are {@link ByteBuf}s plus the
 * {@link StreamSignal} user events (transport-specific handlers upstream translate frames into these). Install it
 * with {@link #attach(Channel, long, StreamOperations)}: it adds itself last in the pipeline.
 *
 * <p>Every operation runs on the channel's event loop; calls from other threads are handed to it. Operations keep
 * their call order even when callers alternate between the event loop and other threads: a call on the event loop
 * runs at once only while no call handed over earlier is still waiting. The end of output is sent only after the last pending write completed
 * (Netty QUIC fails pending writes when the output is shut down under them).
 */
public final class ChannelTunnelStream extends ChannelInboundHandlerAdapter implements TunnelStream {

    /** Unaccepted bytes above which the stream reports itself not writable. */
    static final int HIGH_WATER_MARK = 512 * 1024;

    /** Unaccepted bytes at or below which a stream that was not writable becomes writable again. */
    static final int LOW_WATER_MARK = 256 * 1024;

    private final Channel channel;
    private final long id;
    private final StreamOperations operations;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final Queue<Object> pending = new ArrayDeque<>();
    private final AtomicInteger handedOver = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean writable = true;

    private @Nullable StreamInboundHandler handler;
    private @Nullable ChannelFuture lastWrite;
    private boolean outputEnded;
    private boolean closedNotified;

    private ChannelTunnelStream(Channel channel, long id, StreamOperations operations) {
        this.channel = channel;
        this.id = id;
        this.operations = operations;
    }

    /**
     * Wraps a stream channel. Reading is paused until an inbound handler is set: a handler before this one that
     * must see something first (a request or response head) has to ask for reads itself, as
     * {@code Http2FrameTranslator} and the QUIC {@code ResponseHeadHandler} do, or it waits for the inbound handler.
     *
     * @param channel the stream channel, registered with its event loop
     * @param id the transport's stream id
     * @param operations the transport-specific write operations
     * @return the stream
     */
    public static ChannelTunnelStream attach(Channel channel, long id, StreamOperations operations) {
        ChannelTunnelStream stream = new ChannelTunnelStream(channel, id, operations);
        channel.config().setAutoRead(false);
        channel.pipeline().addLast("tunnel-stream", stream);
        channel.closeFuture().addListener(f -> stream.closeFuture.complete(null));
        return stream;
    }

    /**
     * The underlying channel.
     *
     * @return the channel
     */
    public Channel channel() {
        return channel;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void setInboundHandler(StreamInboundHandler handler) {
        onLoop(() -> {
            if (this.handler != null) {
                throw new IllegalStateException("Stream " + id + " already has an inbound handler");
            }
            this.handler = handler;
            drainPending();
            channel.config().setAutoRead(true);
            channel.read();
        });
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        onLoop(() -> {
            channel.config().setAutoRead(autoRead && handler != null);
            if (autoRead && handler != null) {
                channel.read();
            }
        });
    }

    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        int size = data.readableBytes();
        synchronized (pendingBytes) {
            if (pendingBytes.addAndGet(size) > HIGH_WATER_MARK) {
                writable = false;
            }
        }
        onLoop(() -> {
            if (outputEnded || !channel.isActive()) {
                ReferenceCountUtil.release(data);
                written(size);
                result.completeExceptionally(new TransportException(
                        "Stream " + id + " is closed for writing", new ClosedChannelException()));
                return;
            }
            ChannelFuture write = channel.writeAndFlush(operations.wrap(data));
            lastWrite = write;
            write.addListener(f -> written(size));
            complete(write, result);
        });
        return result;
    }

    /**
     * Whether the bytes written but not yet accepted by the transport (QUIC stream capacity, HTTP/2 flow-control
     * window) are below the high-water mark. The stream keeps this count itself from the write futures rather than
     * asking the channel, so every transport signals writability the same way.
     */
    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public CompletableFuture<Void> shutdownOutput() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        onLoop(() -> endOutput(result, false));
        return result;
    }

    @Override
    public void reset(long errorCode) {
        onLoop(() -> {
            outputEnded = true;
            if (channel.isActive()) {
                operations.reset(channel, errorCode);
            }
        });
    }

    @Override
    public CompletableFuture<Void> close() {
        onLoop(() -> endOutput(new CompletableFuture<>(), true));
        return closeFuture;
    }

    /**
     * Closes the stream channel if no inbound handler was set: what it received, and what it still receives, is then
     * released instead of waiting for a reader. For transports whose stream channels keep unread messages after their
     * connection ended (HTTP/2) until somebody reads them.
     */
    public void closeIfUnhandled() {
        onLoop(() -> {
            if (handler == null) {
                outputEnded = true;
                channel.close();
            }
        });
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    private void endOutput(CompletableFuture<Void> result, boolean thenClose) {
        if (outputEnded || !channel.isActive()) {
            outputEnded = true;
            if (thenClose) {
                channel.close();
            }
            result.complete(null);
            return;
        }
        outputEnded = true;
        ChannelFuture previous = lastWrite;
        if (previous == null || previous.isDone()) {
            sendEnd(result, thenClose);
        } else {
            previous.addListener(f -> sendEnd(result, thenClose));
        }
    }

    private void sendEnd(CompletableFuture<Void> result, boolean thenClose) {
        ChannelFuture end = operations.shutdownOutput(channel);
        complete(end, result);
        if (thenClose) {
            end.addListener(f -> operations.closeAfterOutputEnded(channel));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!data.isReadable()) {
            data.release();
            return;
        }
        StreamInboundHandler current = handler;
        if (current == null) {
            pending.add(data);
        } else {
            current.onData(this, data);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        Object signal = event instanceof ChannelInputShutdownEvent ? StreamSignal.INPUT_ENDED : event;
        if (!(signal instanceof StreamSignal)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        StreamInboundHandler current = handler;
        if (current == null) {
            pending.add(signal);
        } else {
            deliver(current, signal);
        }
    }

    /**
     * Counts accepted bytes. The count and the flag change together under one lock: a writer on another thread that
     * crossed the high-water mark must not clear the flag after the last write completed and found it still set,
     * or nothing would ever report the stream writable again.
     */
    private void written(int size) {
        boolean nowWritable = false;
        synchronized (pendingBytes) {
            if (pendingBytes.addAndGet(-size) <= LOW_WATER_MARK && !writable) {
                writable = true;
                nowWritable = true;
            }
        }
        StreamInboundHandler current = handler;
        if (nowWritable && current != null) {
            current.onWritabilityChanged(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        outputEnded = true;
        StreamInboundHandler current = handler;
        if (current != null) {
            notifyClosed(current);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void drainPending() {
        StreamInboundHandler current = handler;
        Object next;
        while (current != null && (next = pending.poll()) != null) {
            if (next instanceof ByteBuf data) {
                current.onData(this, data);
            } else {
                deliver(current, next);
            }
        }
        if (current != null && !channel.isActive()) {
            notifyClosed(current);
        }
    }

    private void deliver(StreamInboundHandler current, Object signal) {
        if (signal instanceof StreamSignal.Reset reset) {
            outputEnded = true;
            current.onReset(this, reset.errorCode());
        } else {
            current.onInputShutdown(this);
        }
    }

    private void notifyClosed(StreamInboundHandler current) {
        if (!closedNotified) {
            closedNotified = true;
            current.onClosed(this);
        }
    }

    private void releasePending() {
        Object next;
        while ((next = pending.poll()) != null) {
            ReferenceCountUtil.release(next);
        }
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop() && handedOver.get() == 0) {
            task.run();
            return;
        }
        handedOver.incrementAndGet();
        try {
            channel.eventLoop().execute(() -> {
                try {
                    task.run();
                } finally {
                    handedOver.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException ex) {
            // The event loop is shut down, so the channel is closed: run here, where every operation fails cleanly.
            handedOver.decrementAndGet();
            task.run();
        }
    }

    private static void complete(ChannelFuture future, CompletableFuture<Void> result) {
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
    }
}
