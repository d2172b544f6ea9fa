package io.tunnelagent.core.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Real origins on loopback port 0 (or a Unix socket) for the proxy tests, and the server binding the connector's
 * end-to-end origins share; {@link #close()} stops them all.
 */
public final class OriginServers implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<Channel> servers = new ArrayList<>();
    private final List<Channel> children = new ArrayList<>();

    /** Requests the HTTP origins received, in arrival order. */
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /** Ids of HTTP origin connections that closed, in order. */
    final BlockingQueue<String> closedConnections = new LinkedBlockingQueue<>();

    /** TLS server names the TLS origins saw ("" when the client sent none). */
    final BlockingQueue<String> serverNames = new LinkedBlockingQueue<>();

    /**
     * Creates the servers' owner; nothing is bound yet.
     *
     * @param group the event loop group the servers run on
     */
    public OriginServers(EventLoopGroup group) {
        this.group = group;
    }

    /** An HTTP/1.1 origin that aggregates each request (up to 1 MiB), records it and lets {@code handler} answer. */
    int http(BiConsumer<ChannelHandlerContext, FullHttpRequest> handler) {
        return port(bind(new InetSocketAddress("127.0.0.1", 0), false, httpPipeline(null, handler)));
    }

    /** An HTTPS origin with the given certificate context; records the SNI name. */
    int https(SslContext tls, BiConsumer<ChannelHandlerContext, FullHttpRequest> handler) {
        return port(bind(new InetSocketAddress("127.0.0.1", 0), false, httpPipeline(tls, handler)));
    }

    /** An HTTP origin on a Unix domain socket. */
    void unixHttp(String path, BiConsumer<ChannelHandlerContext, FullHttpRequest> handler) {
        bind(UnixDomainSocketAddress.of(path), false, httpPipeline(null, handler));
    }

    /** An HTTP origin that counts the request body bytes without keeping them and answers with the count. */
    int countingSink() {
        return port(bind(new InetSocketAddress("127.0.0.1", 0), false, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                track(ch);
                ch.pipeline().addLast(new HttpServerCodec()).addLast(countingHandler());
            }
        }));
    }

    /** Counts each request's body bytes without keeping them and answers 200 with the count. */
    static ChannelHandler countingHandler() {
        return new SimpleChannelInboundHandler<HttpObject>() {
            private long count;

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                if (msg instanceof HttpContent content) {
                    this.count += content.content().readableBytes();
                }
                if (msg instanceof LastHttpContent) {
                    text(ctx, Long.toString(this.count), Map.of());
                    this.count = 0;
                }
            }
        };
    }

    /** Answers 200 with {@code size} zero bytes, each 64 KiB chunk written when the previous one was. */
    static void streamZeros(ChannelHandlerContext ctx, long size) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set("Content-Length", size);
        ctx.write(response);
        writeZeros(ctx, 0, size);
    }

    private static void writeZeros(ChannelHandlerContext ctx, long sent, long size) {
        int chunk = 64 * 1024;
        if (sent >= size) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        ChannelFuture write = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[chunk])));
        write.addListener(f -> {
            if (f.isSuccess()) {
                writeZeros(ctx, sent + chunk, size);
            }
        });
    }

    /**
     * A TCP origin that echoes every byte and closes after the client's FIN.
     *
     * @return its port
     */
    public int tcpEcho() {
        return port(bind(new InetSocketAddress("127.0.0.1", 0), true, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                track(ch);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg);
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof ChannelInputShutdownEvent) {
                            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                        }
                    }
                });
            }
        }));
    }

    /** Answers 200 with a text body, recording nothing else. */
    static void text(ChannelHandlerContext ctx, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
        headers.forEach(response.headers()::set);
        response.headers().set("Content-Length", bytes.length);
        ctx.writeAndFlush(response);
    }

    private ChannelInitializer<Channel> httpPipeline(
            SslContext tls, BiConsumer<ChannelHandlerContext, FullHttpRequest> handler) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                track(ch);
                ch.closeFuture().addListener(f -> closedConnections.add(ch.id().asShortText()));
                if (tls != null) {
                    Mapping<String, SslContext> mapping = name -> {
                        serverNames.add(name == null ? "" : name);
                        return tls;
                    };
                    ch.pipeline().addLast(new SniHandler(mapping));
                }
                AtomicReference<List<Map.Entry<String, String>>> rawHeaders = new AtomicReference<>(List.of());
                ch.pipeline()
                        .addLast("codec", new HttpServerCodec())
                        .addLast("raw-headers", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpRequest request) {
                                    rawHeaders.set(request.headers().entries().stream()
                                            .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                                            .toList());
                                }
                                ctx.fireChannelRead(msg);
                            }
                        })
                        .addLast("aggregator", new HttpObjectAggregator(1024 * 1024))
                        .addLast("handler", new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                received.add(Received.of(ctx.channel(), request, rawHeaders.get()));
                                handler.accept(ctx, request);
                            }
                        });
            }
        };
    }

    /**
     * Closes {@code child} (a connection a server accepted) with the servers.
     *
     * @param child the channel
     */
    public synchronized void track(Channel child) {
        this.children.add(child);
    }

    /**
     * Binds a server on a TCP or Unix socket address; {@link #close()} closes it.
     *
     * @param address where to listen
     * @param halfClosure whether accepted connections allow half closure
     * @param initializer the accepted connections' handler
     * @return the server channel
     */
    public Channel bind(SocketAddress address, boolean halfClosure, ChannelHandler initializer) {
        boolean unix = address instanceof UnixDomainSocketAddress;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(this.group)
                .channel(unix ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(initializer);
        if (halfClosure) {
            bootstrap.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        Channel server = bootstrap.bind(address).syncUninterruptibly().channel();
        this.servers.add(server);
        return server;
    }

    /**
     * The TCP port a server listens on.
     *
     * @param server the server channel
     * @return the port
     */
    public static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        this.servers.forEach(server -> server.close().syncUninterruptibly());
        this.children.forEach(child -> child.close().syncUninterruptibly());
        Received request;
        while ((request = this.received.poll()) != null) {
            // Recorded requests hold no buffers.
        }
    }

    /**
     * One request as the origin saw it.
     *
     * @param connection the id of the connection it came on
     * @param method the method
     * @param uri the request target
     * @param headers the headers in order, names as sent
     * @param body the body as text
     */
    record Received(
            String connection, String method, String uri, List<Map.Entry<String, String>> headers, String body) {

        static Received of(Channel channel, FullHttpRequest request, List<Map.Entry<String, String>> headers) {
            ByteBuf content = request.content();
            return new Received(
                    channel.id().asShortText(),
                    request.method().name(),
                    request.uri(),
                    headers,
                    content.toString(StandardCharsets.UTF_8));
        }

        String header(String name) {
            return this.headers.stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }
}
