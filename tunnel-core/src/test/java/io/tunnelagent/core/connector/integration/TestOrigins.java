package io.tunnelagent.core.connector.integration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.stream.ChunkedStream;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.tunnelagent.core.proxy.OriginServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The origins behind the connector, on loopback port 0 (or a Unix socket): an HTTP origin ({@code /echo} returns the
 * request body, {@code /download?bytes=N} streams N bytes, {@code /ws} is a WebSocket echo, {@code /slow} answers when
 * the test {@linkplain #releaseSlow() releases} it, any other path answers {@code hello <path>}), a TCP echo, a port
 * nothing listens on and a listener whose accept queue is full (connects to it hang). {@link #close()} stops them.
 */
final class TestOrigins implements AutoCloseable {

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final OriginServers servers;

    private final List<AutoCloseable> sockets = new ArrayList<>();

    private final CompletableFuture<Void> slowArrived = new CompletableFuture<>();

    private final CompletableFuture<Void> releaseSlow = new CompletableFuture<>();

    TestOrigins(EventLoopGroup group) {
        this.servers = new OriginServers(group);
    }

    /** Starts the HTTP origin; returns its port. */
    int http() {
        return OriginServers.port(this.servers.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, httpPipeline(HttpHandler::new)));
    }

    /** Starts the HTTP origin on a Unix domain socket. */
    void unixHttp(Path path) {
        this.servers.bind(UnixDomainSocketAddress.of(path), false, httpPipeline(HttpHandler::new));
    }

    /**
     * Starts an origin that answers like the golden vectors' Python origin ({@code GET /hello*}: {@code hello
     * golden\n}; {@code POST /echo}: {@code echo:<body>\n}; both with {@code X-Golden: 1}); returns its port.
     */
    int golden() {
        return OriginServers.port(this.servers.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, httpPipeline(GoldenHandler::new)));
    }

    /** Starts a TCP origin that echoes every byte and closes after the client's FIN; returns its port. */
    int tcpEcho() {
        return this.servers.tcpEcho();
    }

    /** A loopback port nothing listens on (connections are refused). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A listener that never accepts, its accept queue filled, so the kernel drops further SYNs and a connect to it
     * hangs until the client's timeout; returns its port.
     */
    int blackHole() {
        try {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.sockets.add(server);
            for (int i = 0; i < 16; i++) {
                Socket filler = new Socket();
                this.sockets.add(filler);
                try {
                    filler.connect(server.getLocalSocketAddress(), 200);
                } catch (SocketTimeoutException ex) {
                    return server.getLocalPort();
                }
            }
            throw new IllegalStateException("The accept queue of the black hole did not fill up");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Completes when a request for {@code /slow} reached the origin. */
    CompletableFuture<Void> slowArrived() {
        return this.slowArrived;
    }

    /** Lets the held {@code /slow} requests answer. */
    void releaseSlow() {
        this.releaseSlow.complete(null);
    }

    private ChannelInitializer<Channel> httpPipeline(Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                TestOrigins.this.servers.track(ch);
                ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_BODY))
                        .addLast(new ChunkedWriteHandler())
                        .addLast(new WebSocketServerProtocolHandler("/ws"))
                        .addLast(new WebSocketEcho())
                        .addLast(handler.get());
            }
        };
    }

    @Override
    public void close() {
        releaseSlow();
        this.servers.close();
        for (AutoCloseable socket : this.sockets) {
            try {
                socket.close();
            } catch (Exception ex) {
                // Closing a test socket; nothing to do.
            }
        }
    }

    /** Routes the aggregated requests. */
    private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            switch (uri.path()) {
                case "/echo" -> answer(ctx, keepAlive, request.content().retain());
                case "/download" ->
                    download(
                            ctx,
                            keepAlive,
                            Long.parseLong(uri.parameters().get("bytes").get(0)));
                case "/slow" -> {
                    TestOrigins.this.slowArrived.complete(null);
                    TestOrigins.this.releaseSlow.thenRun(
                            () -> ctx.executor().execute(() -> answer(ctx, keepAlive, text("hello /slow"))));
                }
                default -> answer(ctx, keepAlive, text("hello " + uri.path()));
            }
        }

        private static ByteBuf text(String body) {
            return Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        }

        private static void answer(ChannelHandlerContext ctx, boolean keepAlive, ByteBuf body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.writeAndFlush(response);
        }

        private static void download(ChannelHandlerContext ctx, boolean keepAlive, long bytes) {
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                    .set(HttpHeaderNames.CONTENT_LENGTH, bytes);
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.write(response);
            ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(new PatternInput(bytes), 64 * 1024)));
        }
    }

    /** Answers like the Python origin that served cloudflared when the golden vectors were captured. */
    private static final class GoldenHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String body;
            if (request.uri().startsWith("/hello")) {
                body = "hello golden\n";
            } else if (request.uri().equals("/echo")) {
                body = "echo:" + request.content().toString(StandardCharsets.UTF_8) + "\n";
            } else {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
                return;
            }
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            response.headers()
                    .set("Content-Type", "text/plain; charset=utf-8")
                    .set("Content-Length", content.readableBytes())
                    .set("X-Golden", "1");
            ctx.writeAndFlush(response);
        }
    }

    /** Echoes every WebSocket data frame; the protocol handler answers pings and close frames. */
    private static final class WebSocketEcho extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.writeAndFlush(frame.retain());
        }
    }

    /** {@code size} bytes of a repeating pattern ({@code i % 251}), generated as they are read. */
    static final class PatternInput extends InputStream {

        private final long size;

        private long position;

        PatternInput(long size) {
            this.size = size;
        }

        static int at(long position) {
            return (int) (position % 251);
        }

        @Override
        public int read() {
            return (this.position < this.size) ? at(this.position++) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (this.position >= this.size) {
                return -1;
            }
            int count = (int) Math.min(length, this.size - this.position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) at(this.position++);
            }
            return count;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, this.size - this.position);
        }
    }
}
