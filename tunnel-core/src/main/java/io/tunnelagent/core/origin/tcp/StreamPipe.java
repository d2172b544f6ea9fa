package io.tunnelagent.core.origin.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pipes bytes both ways between an answered {@link StreamExchange} and an origin channel, with backpressure on both
 * sides: the tunnel stream stops reading while the origin socket is not writable, and the origin socket stops
 * reading while more than {@value #HIGH_WATER} bytes are queued towards the tunnel or the stream is not writable.
 * Nothing is buffered beyond those marks.
 *
 * <p>The visitor's end of input half-closes the origin socket (after pending writes); the origin closing, a reset or
 * an error ends both sides (cloudflared's {@code stream.Pipe}).
 */
public final class StreamPipe extends ChannelInboundHandlerAdapter implements StreamInboundHandler, PipeCodec.Sink {

    static final int HIGH_WATER = 256 * 1024;

    static final int LOW_WATER = 64 * 1024;

    private final StreamExchange exchange;
    private final Channel origin;
    private final PipeCodec codec;
    private final AtomicLong pendingToTunnel = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private StreamPipe(StreamExchange exchange, Channel origin, PipeCodec codec) {
        this.exchange = exchange;
        this.origin = origin;
        this.codec = codec;
    }

    /**
     * Installs a pipe as the last handler of the origin channel and starts reading it. The caller connects the
     * returned handler to the tunnel stream (directly with {@link TunnelStream#setInboundHandler} or by
     * delegation) and must have sent the response head.
     *
     * @param exchange the answered exchange
     * @param origin the connected origin channel
     * @param codec the byte transformation
     * @return the pipe, also the stream's inbound handler
     */
    public static StreamPipe install(StreamExchange exchange, Channel origin, PipeCodec codec) {
        StreamPipe pipe = new StreamPipe(exchange, origin, codec);
        origin.pipeline().addLast("stream-pipe", pipe);
        exchange.done().whenComplete((outcome, error) -> pipe.stop());
        codec.started(pipe);
        origin.config().setAutoRead(true);
        origin.read();
        if (!origin.isActive()) {
            pipe.end();
        }
        return pipe;
    }

    // ---- tunnel side (StreamInboundHandler)

    @Override
    public void onData(TunnelStream stream, ByteBuf data) {
        if (this.stopped.get()) {
            data.release();
            return;
        }
        this.codec.fromTunnel(data, this);
    }

    @Override
    public void onInputShutdown(TunnelStream stream) {
        if (this.origin instanceof DuplexChannel duplex) {
            this.origin.eventLoop().execute(() -> {
                if (duplex.isActive()) {
                    duplex.shutdownOutput();
                }
            });
        } else {
            this.origin.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void onReset(TunnelStream stream, long errorCode) {
        this.exchange.fail(new OriginException(OriginErrors.ABRUPT));
    }

    @Override
    public void onWritabilityChanged(TunnelStream stream) {
        resumeOriginIfDrained();
    }

    @Override
    public void onClosed(TunnelStream stream) {
        if (!this.exchange.isEnded()) {
            this.exchange.fail(new OriginException(OriginErrors.ABRUPT));
        }
    }

    // ---- origin side (Netty handler)

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data) || this.stopped.get()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!data.isReadable()) {
            data.release();
            return;
        }
        this.codec.fromOrigin(data, this);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            this.exchange.stream().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        this.exchange.finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
        this.exchange.fail(cause);
    }

    /**
     * Passes bytes that the origin sent before the pipe was installed (e.g. decoded past an HTTP 101).
     *
     * @param data the bytes (ownership passes)
     */
    public void fromOrigin(ByteBuf data) {
        if (this.stopped.get() || !data.isReadable()) {
            data.release();
            return;
        }
        this.codec.fromOrigin(data, this);
    }

    // ---- Sink

    @Override
    public void toOrigin(ByteBuf data) {
        if (this.stopped.get()) {
            data.release();
            return;
        }
        this.origin.writeAndFlush(data);
        if (!this.origin.isWritable()) {
            this.exchange.stream().setAutoRead(false);
        }
    }

    @Override
    public void toTunnel(ByteBuf data) {
        if (this.stopped.get()) {
            data.release();
            return;
        }
        int size = data.readableBytes();
        this.pendingToTunnel.addAndGet(size);
        TunnelStream stream = this.exchange.stream();
        stream.write(data).whenComplete((ignored, error) -> {
            this.pendingToTunnel.addAndGet(-size);
            if (error != null) {
                this.origin.close();
                this.exchange.fail(error);
            } else {
                resumeOriginIfDrained();
            }
        });
        if (this.pendingToTunnel.get() > HIGH_WATER || !stream.isWritable()) {
            this.origin.config().setAutoRead(false);
            resumeOriginIfDrained();
        }
    }

    @Override
    public void end() {
        this.origin.close();
        this.exchange.finish();
    }

    /** Bytes written to the tunnel but not yet handed to the transport. */
    long pendingToTunnel() {
        return this.pendingToTunnel.get();
    }

    private void resumeOriginIfDrained() {
        if (!this.origin.config().isAutoRead()
                && this.pendingToTunnel.get() < LOW_WATER
                && this.exchange.stream().isWritable()) {
            this.origin.config().setAutoRead(true);
            this.origin.read();
        }
    }

    private void stop() {
        if (this.stopped.compareAndSet(false, true)) {
            this.origin.close();
            this.origin.eventLoop().execute(this.codec::stopped);
        }
    }
}
