package io.tunnelagent.core.origin.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.concurrent.ScheduledFuture;
import io.tunnelagent.core.origin.OriginException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/2 connections of one origin ({@code http2Origin}), keyed by TLS server name, like Go's HTTP/2 client
 * connection pool: requests share a connection as streams until the origin's {@code SETTINGS_MAX_CONCURRENT_STREAMS}
 * is reached or it sent {@code GOAWAY}; concurrent requests wait for one dial instead of dialling each; a connection
 * with no stream closes after {@code keepAliveTimeout}. A dial whose ALPN settles on HTTP/1.1 is handed to the request
 * that started it as a plain HTTP/1.1 connection. Each stream channel converts between HTTP/2 frames and the HTTP/1
 * objects {@link HttpExchange} reads and writes, so both protocols share the header rules and the body streaming;
 * flow control is HTTP/2's own: a stream that is not read is not refilled.
 */
final class Http2Connections {

    /** The stream receive window (Go's transport uses 4 MiB; this bounds what one stalled stream buffers). */
    static final int STREAM_WINDOW = 1024 * 1024;

    /** The connection receive window. */
    static final int CONNECTION_WINDOW = 16 * 1024 * 1024;

    private static final int DEFAULT_WINDOW = 65_535;

    private static final Logger log = LoggerFactory.getLogger(Http2Connections.class);

    private final Duration idleTimeout;
    private final Map<String, List<Connection>> live = new HashMap<>();
    private final Map<String, CompletableFuture<Channel>> dialing = new HashMap<>();
    private boolean closed;

    Http2Connections(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /**
     * Turns a TLS connection whose ALPN chose {@code h2} into an HTTP/2 client connection. Call on its event loop,
     * before it reads anything past the handshake.
     *
     * @param channel the connection
     */
    static void install(Channel channel) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(
                        Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW))
                .build();
        channel.pipeline()
                .addLast("origin-h2", codec)
                .addLast("origin-h2-streams", new Http2MultiplexHandler(RefusePushedStreams.INSTANCE))
                .addLast("origin-h2-errors", CloseOnError.INSTANCE);
        channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - DEFAULT_WINDOW));
        channel.config().setAutoRead(true);
    }

    /**
     * A stream on a pooled or new HTTP/2 connection, or a plain HTTP/1.1 connection when the dial this call started
     * negotiated HTTP/1.1.
     *
     * @param key the TLS server name
     * @param dial dials a connection: an HTTP/2 one ({@link #install} done) or an HTTP/1.1 one
     * @return an {@link Http2StreamChannel} (close it when done) or an HTTP/1.1 channel
     */
    CompletableFuture<Channel> acquire(String key, Function<String, CompletableFuture<Channel>> dial) {
        CompletableFuture<Channel> pending;
        boolean mine = false;
        synchronized (this) {
            Connection connection = available(key);
            if (connection != null) {
                connection.reserve();
                return connection.openStream();
            }
            pending = this.dialing.get(key);
            if (pending == null) {
                pending = new CompletableFuture<>();
                this.dialing.put(key, pending);
                mine = true;
            }
        }
        if (!mine) {
            return pending.thenCompose(ignored -> acquire(key, dial));
        }
        CompletableFuture<Channel> started = pending;
        dial.apply(key).whenComplete((channel, error) -> dialled(key, started, channel, error));
        return started.thenCompose(channel -> isHttp2(channel) ? acquire(key, dial) : started);
    }

    /** The number of open HTTP/2 connections. */
    synchronized int connectionCount() {
        return this.live.values().stream().mapToInt(List::size).sum();
    }

    /** Closes every connection; streams in flight end with them. */
    void close() {
        List<Connection> all = new ArrayList<>();
        synchronized (this) {
            this.closed = true;
            this.live.values().forEach(all::addAll);
            this.live.clear();
        }
        all.forEach(connection -> connection.channel.close());
    }

    private static boolean isHttp2(Channel channel) {
        return channel.pipeline().get(Http2FrameCodec.class) != null;
    }

    private void dialled(
            String key, CompletableFuture<Channel> pending, @Nullable Channel channel, @Nullable Throwable error) {
        boolean shutDown;
        synchronized (this) {
            this.dialing.remove(key, pending);
            shutDown = this.closed;
            if (channel != null && isHttp2(channel)) {
                if (shutDown) {
                    channel.close();
                } else {
                    Connection connection = new Connection(key, channel);
                    this.live.computeIfAbsent(key, k -> new ArrayList<>()).add(connection);
                    channel.closeFuture().addListener(f -> forget(connection));
                    log.debug("HTTP/2 connection {} to the origin ({})", channel, key);
                }
            }
        }
        if (channel != null && shutDown) {
            channel.close();
            pending.completeExceptionally(new OriginException("The connector is shutting down"));
        } else if (channel != null) {
            pending.complete(channel);
        } else {
            pending.completeExceptionally(error);
        }
    }

    private @Nullable Connection available(String key) {
        List<Connection> connections = this.live.get(key);
        if (connections != null) {
            for (Connection connection : connections) {
                if (connection.hasRoom()) {
                    return connection;
                }
            }
        }
        return null;
    }

    private synchronized void forget(Connection connection) {
        List<Connection> connections = this.live.get(connection.key);
        if (connections != null && connections.remove(connection) && connections.isEmpty()) {
            this.live.remove(connection.key);
        }
    }

    /** One multiplexed connection and the streams reserved on it. Guarded by the pool's lock. */
    private final class Connection {

        private final String key;
        private final Channel channel;
        private final Http2Connection state;
        private int reserved;
        private @Nullable ScheduledFuture<?> idleTimer;

        Connection(String key, Channel channel) {
            this.key = key;
            this.channel = channel;
            this.state = channel.pipeline().get(Http2FrameCodec.class).connection();
            scheduleIdleClose();
        }

        boolean hasRoom() {
            return this.channel.isActive()
                    && !this.state.goAwayReceived()
                    && this.reserved < this.state.local().maxActiveStreams();
        }

        void reserve() {
            this.reserved++;
            ScheduledFuture<?> timer = this.idleTimer;
            if (timer != null) {
                timer.cancel(false);
                this.idleTimer = null;
            }
        }

        CompletableFuture<Channel> openStream() {
            CompletableFuture<Channel> result = new CompletableFuture<>();
            new Http2StreamChannelBootstrap(this.channel)
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new Http2StreamFrameToHttpObjectCodec(false))
                    .open()
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                            stream.closeFuture().addListener(closed -> release());
                            result.complete(stream);
                        } else {
                            release();
                            result.completeExceptionally(f.cause());
                        }
                    });
            return result;
        }

        private void release() {
            synchronized (Http2Connections.this) {
                this.reserved--;
                if (this.reserved == 0) {
                    scheduleIdleClose();
                }
            }
        }

        private void scheduleIdleClose() {
            if (idleTimeout.isZero() || idleTimeout.isNegative()) {
                return;
            }
            this.idleTimer =
                    this.channel.eventLoop().schedule(this::closeIfIdle, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void closeIfIdle() {
            synchronized (Http2Connections.this) {
                if (this.reserved > 0) {
                    return;
                }
            }
            log.debug("Closing idle HTTP/2 origin connection {}", this.channel);
            this.channel.close();
        }
    }

    /** Push is disabled in our settings; a stream the origin opens anyway is closed. */
    @ChannelHandler.Sharable
    private static final class RefusePushedStreams extends ChannelInboundHandlerAdapter {

        static final RefusePushedStreams INSTANCE = new RefusePushedStreams();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /** A connection-level failure closes the connection; its streams fail with it. */
    @ChannelHandler.Sharable
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {

        static final CloseOnError INSTANCE = new CloseOnError();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 origin connection {} failed: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
