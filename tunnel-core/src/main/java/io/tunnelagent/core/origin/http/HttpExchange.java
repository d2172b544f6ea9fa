package io.tunnelagent.core.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.core.origin.HeaderNames;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.tcp.PipeCodec;
import io.tunnelagent.core.origin.tcp.StreamPipe;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request/response on a pooled origin connection. The request body streams from the tunnel (the stream pauses
 * while the socket is not writable); the response head becomes the {@code ConnectResponse} and the body streams back
 * (the socket pauses while the tunnel is behind). A complete exchange on a keep-alive connection returns the
 * connection to the pool; a 101 answer to a WebSocket request turns the connection into a raw {@link StreamPipe}. On
 * an HTTP/2 stream channel (frames converted to HTTP/1 objects) the same code runs: the stream's flow-control window
 * replaces the socket's writability, and "returning to the pool" closes the stream.
 * Runs on the origin channel's event loop.
 */
final class HttpExchange extends ChannelInboundHandlerAdapter implements StreamInboundHandler {

    private static final String NAME = "origin-exchange";
    private static final String INFLATER = "origin-inflater";
    private static final int HIGH_WATER = 256 * 1024;
    private static final int LOW_WATER = 64 * 1024;

    /** The header Netty's HTTP/2 to HTTP/1 conversion adds to a response; not the origin's. */
    private static final String HTTP2_STREAM_ID = HeaderNames.canonical(
            HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text().toString());

    private final StreamExchange exchange;
    private final Channel channel;
    private final OriginRequestWriter.Prepared request;
    private final Runnable release;
    private final Queue<ByteBuf> beforeHead = new ArrayDeque<>();
    private boolean headSent;
    private boolean requestComplete;
    private boolean responseStarted;
    private boolean done;
    private boolean keepAlive = true;
    private boolean released;
    private boolean upgrading;
    private boolean interim;
    private final Queue<ByteBuf> upgradeBuffer = new ArrayDeque<>();
    private long pendingToTunnel;
    private final AtomicLong pendingToOrigin = new AtomicLong();

    private HttpExchange(
            StreamExchange exchange, Channel channel, OriginRequestWriter.Prepared request, Runnable release) {
        this.exchange = exchange;
        this.channel = channel;
        this.request = request;
        this.release = release;
    }

    /**
     * Starts the exchange on a connected channel whose pipeline ends with the HTTP client codec.
     *
     * @param release returns the channel to its pool (called on the event loop after a clean exchange)
     */
    static void start(
            StreamExchange exchange, Channel channel, OriginRequestWriter.Prepared request, Runnable release) {
        HttpExchange handler = new HttpExchange(exchange, channel, request, release);
        channel.eventLoop().execute(handler::begin);
    }

    private void begin() {
        if (this.request.requestedGzip()) {
            this.channel.pipeline().addLast(INFLATER, new HttpContentDecompressor(0));
        }
        this.channel.pipeline().addLast(NAME, this);
        this.channel.config().setAutoRead(true);
        this.channel.writeAndFlush(this.request.head()).addListener(f -> {
            if (!f.isSuccess()) {
                failAndClose(f.cause());
            }
        });
        if (!this.request.hasBody()) {
            this.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            this.requestComplete = true;
        }
        if (this.exchange.http().type() != ConnectionType.WEBSOCKET) {
            this.exchange.stream().setInboundHandler(this);
        }
        this.channel.read();
    }

    // ---- tunnel → origin (request body); called on the stream's thread

    /**
     * Forwards a body chunk. Besides the channel's writability, the bytes not yet written are counted here: an HTTP/2
     * stream channel counts writes submitted from another thread only once its loop runs them, so its writability
     * alone lets a fast tunnel hand over a whole body. The pause is requested before the write, so the resume that
     * its completion may trigger always comes after it.
     */
    @Override
    public void onData(TunnelStream stream, ByteBuf data) {
        if (!this.request.hasBody()) {
            data.release();
            return;
        }
        int size = data.readableBytes();
        if (this.pendingToOrigin.addAndGet(size) > HIGH_WATER) {
            stream.setAutoRead(false);
        }
        this.channel.writeAndFlush(new DefaultHttpContent(data)).addListener(f -> {
            if (this.pendingToOrigin.addAndGet(-size) < LOW_WATER && f.isSuccess() && this.channel.isWritable()) {
                stream.setAutoRead(true);
            }
        });
        if (!this.channel.isWritable()) {
            stream.setAutoRead(false);
        }
    }

    @Override
    public void onInputShutdown(TunnelStream stream) {
        if (this.request.hasBody()) {
            this.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        onLoop(() -> {
            this.requestComplete = true;
            if (this.done && !this.released && !this.upgrading) {
                this.channel.close();
            }
        });
    }

    @Override
    public void onReset(TunnelStream stream, long errorCode) {
        onLoop(() -> failAndClose(new OriginException(OriginErrors.ABRUPT)));
    }

    @Override
    public void onWritabilityChanged(TunnelStream stream) {
        onLoop(this::resumeIfDrained);
    }

    @Override
    public void onClosed(TunnelStream stream) {
        onLoop(() -> {
            if (!this.done) {
                failAndClose(new OriginException(OriginErrors.ABRUPT));
            }
        });
    }

    // ---- origin → tunnel (response)

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (this.upgrading && msg instanceof ByteBuf raw) {
            this.upgradeBuffer.add(raw);
            return;
        }
        if (this.done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response && isInterim(response)) {
            this.interim = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (this.interim && msg instanceof HttpContent) {
            this.interim = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponse(ctx, response);
            if (this.upgrading) {
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            onContent(content);
        } else if (!(msg instanceof HttpResponse)) {
            ctx.fireChannelRead(msg);
        }
    }

    /** Runs a task on the origin channel's loop; a loop that is shutting down has nothing left to do. */
    private void onLoop(Runnable task) {
        try {
            this.channel.eventLoop().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            // The event loop group is shutting down; its channels, this one included, close with it.
        }
    }

    /** 1xx answers other than 101 are informational; Go's transport consumes them and so do we. */
    private static boolean isInterim(HttpResponse response) {
        int code = response.status().code();
        return code >= 100 && code < 200 && code != 101;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !this.done) {
            this.exchange.stream().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void onResponse(ChannelHandlerContext ctx, HttpResponse response) {
        this.responseStarted = true;
        int status = response.status().code();
        if (status == 101 && this.exchange.http().type() == ConnectionType.WEBSOCKET) {
            upgrade(ctx, response);
            return;
        }
        this.channel.config().setAutoRead(false);
        this.exchange
                .respond(status, metadata(response))
                .whenComplete((ignored, error) -> onLoop(() -> headWritten(error)));
        this.keepAlive = HttpUtil.isKeepAlive(response);
    }

    private void headWritten(Throwable error) {
        if (error != null || this.exchange.isEnded()) {
            releaseQueued();
            if (error != null) {
                failAndClose(error);
            }
            return;
        }
        this.headSent = true;
        ByteBuf queued;
        while ((queued = this.beforeHead.poll()) != null) {
            toTunnel(queued);
        }
        if (this.done) {
            this.exchange.finish();
        } else {
            resumeIfDrained();
        }
        if (this.exchange.http().type() == ConnectionType.WEBSOCKET) {
            this.exchange.stream().setInboundHandler(this);
        }
    }

    private void onContent(HttpContent content) {
        ByteBuf data = content.content().retain();
        content.release();
        if (data.isReadable()) {
            if (this.headSent) {
                toTunnel(data);
            } else {
                this.beforeHead.add(data);
            }
        } else {
            data.release();
        }
        if (content instanceof LastHttpContent) {
            responseComplete();
        }
    }

    private void toTunnel(ByteBuf data) {
        int size = data.readableBytes();
        this.pendingToTunnel += size;
        TunnelStream stream = this.exchange.stream();
        stream.write(data)
                .whenComplete((ignored, error) -> onLoop(() -> {
                    this.pendingToTunnel -= size;
                    if (error != null) {
                        failAndClose(error);
                    } else {
                        resumeIfDrained();
                    }
                }));
        if (this.pendingToTunnel > HIGH_WATER || !stream.isWritable()) {
            this.channel.config().setAutoRead(false);
        }
    }

    private void resumeIfDrained() {
        if (!this.done
                && !this.channel.config().isAutoRead()
                && this.pendingToTunnel < LOW_WATER
                && this.exchange.stream().isWritable()) {
            this.channel.config().setAutoRead(true);
            this.channel.read();
        }
    }

    private void responseComplete() {
        this.done = true;
        if (this.headSent) {
            this.exchange.finish();
        }
        detach();
        if (this.keepAlive && this.requestComplete && this.channel.isActive()) {
            this.released = true;
            this.release.run();
        } else {
            this.channel.close();
        }
    }

    private void upgrade(ChannelHandlerContext ctx, HttpResponse response) {
        HttpClientCodec codec = ctx.pipeline().get(HttpClientCodec.class);
        codec.prepareUpgradeFrom(ctx);
        this.done = true;
        this.upgrading = true;
        this.channel.config().setAutoRead(false);
        this.exchange
                .respond(101, metadata(response))
                .whenComplete((ignored, error) -> onLoop(() -> {
                    if (error != null) {
                        failAndClose(error);
                        return;
                    }
                    StreamPipe pipe = StreamPipe.install(this.exchange, this.channel, PipeCodec.IDENTITY);
                    this.channel.pipeline().remove(this);
                    ByteBuf early;
                    while ((early = this.upgradeBuffer.poll()) != null) {
                        pipe.fromOrigin(early);
                    }
                    codec.upgradeFrom(this.channel.pipeline().context(codec));
                    this.exchange.stream().setInboundHandler(pipe);
                }));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!this.done) {
            failAndClose(new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAndClose(cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (this.exchange.isEnded() || !ctx.channel().isActive()) {
            releaseQueued();
        }
    }

    private void releaseQueued() {
        ByteBuf queued;
        while ((queued = this.beforeHead.poll()) != null) {
            queued.release();
        }
        while ((queued = this.upgradeBuffer.poll()) != null) {
            queued.release();
        }
    }

    private void failAndClose(Throwable cause) {
        this.done = true;
        releaseQueued();
        this.channel.close();
        this.exchange.fail(cause);
    }

    private void detach() {
        if (this.channel.pipeline().get(INFLATER) != null) {
            this.channel.pipeline().remove(INFLATER);
        }
        if (this.channel.pipeline().get(NAME) != null) {
            this.channel.pipeline().remove(NAME);
        }
    }

    private List<Metadata> metadata(HttpResponse response) {
        List<Metadata> metadata = new ArrayList<>();
        boolean multiplexed = this.channel instanceof Http2StreamChannel;
        for (Map.Entry<String, String> header : response.headers()) {
            String name = HeaderNames.canonical(header.getKey());
            if (!name.equals("Transfer-Encoding") && !(multiplexed && name.equals(HTTP2_STREAM_ID))) {
                metadata.add(Metadata.header(name, header.getValue()));
            }
        }
        return metadata;
    }
}
