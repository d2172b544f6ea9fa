package io.tunnelagent.transport.http2.channel;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.tunnelagent.transport.TransportException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects a peer that went silent: after {@link Http2Options#pingInterval()} without reading anything it sends an
 * HTTP/2 PING (which every HTTP/2 peer must answer); after {@link Http2Options#pingTimeout()} without reading
 * anything it fails the connection with a {@link TransportException}. Time comes from the channel's event loop
 * (its scheduler). Sits between TLS and the frame codec in the connection's pipeline, so that every byte read counts
 * as a sign of life; it sends its PINGs through the whole pipeline.
 */
public final class Http2Liveness extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(Http2Liveness.class);

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastReadNanos;
    private long pingCount;
    private @Nullable ScheduledFuture<?> check;

    /**
     * Creates the check.
     *
     * @param options the interval and timeout
     */
    public Http2Liveness(Http2Options options) {
        this.intervalNanos = options.pingInterval().toNanos();
        this.timeoutNanos = options.pingTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastReadNanos = ctx.executor().ticker().nanoTime();
        schedule(ctx, intervalNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = ctx.executor().ticker().nanoTime();
        ctx.fireChannelRead(msg);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long silence = ctx.executor().ticker().nanoTime() - lastReadNanos;
        if (silence >= timeoutNanos) {
            String message = "HTTP/2 peer " + ctx.channel().remoteAddress() + " sent nothing for "
                    + TimeUnit.NANOSECONDS.toMillis(silence) + " ms and did not answer PING; closing the connection"
                    + " as dead (the connector will redial)";
            log.debug("{}", message);
            ctx.fireExceptionCaught(new TransportException(message));
            ctx.close();
            return;
        }
        if (silence >= intervalNanos) {
            ctx.channel().writeAndFlush(new DefaultHttp2PingFrame(++pingCount));
            schedule(ctx, Math.min(intervalNanos, timeoutNanos - silence));
        } else {
            schedule(ctx, intervalNanos - silence);
        }
    }

    private void cancel() {
        ScheduledFuture<?> current = check;
        if (current != null) {
            current.cancel(false);
            check = null;
        }
    }
}
