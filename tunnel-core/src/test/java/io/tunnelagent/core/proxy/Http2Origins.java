package io.tunnelagent.core.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * TLS origins on loopback port 0 that speak HTTP/2 when the client's ALPN offers {@code h2} (HTTP/1.1 otherwise,
 * answering {@code 505}); each request stream is handled as HTTP/1 objects by the test's handler. Records the HTTP/2
 * request headers as received, pseudo-headers included. {@link #close()} stops everything.
 */
final class Http2Origins implements AutoCloseable {

    private final EventLoopGroup group;
    private final SslContext tls;
    private final List<Channel> channels = new ArrayList<>();

    /** The HTTP/2 request heads received, in arrival order. */
    final BlockingQueue<Head> heads = new LinkedBlockingQueue<>();

    /** How many TLS connections the origins accepted. */
    final BlockingQueue<String> connections = new LinkedBlockingQueue<>();

    Http2Origins(EventLoopGroup group, TestCertificates certificate) throws Exception {
        this.group = group;
        this.tls = SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** An origin whose streams aggregate each request (up to 1 MiB) and let {@code handler} answer it. */
    int aggregating(BiConsumer<ChannelHandlerContext, FullHttpRequest> handler) {
        return start(
                () -> new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        handler.accept(ctx, request);
                    }
                },
                true);
    }

    /** An origin whose streams end with {@code handler}, after the HTTP/1 conversion and, if asked, aggregation. */
    int start(Supplier<ChannelHandler> handler, boolean aggregate) {
        Channel server = new ServerBootstrap()
                .group(this.group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        track(ch);
                        connections.add(ch.id().asShortText());
                        ch.pipeline().addLast(tls.newHandler(ch.alloc())).addLast(negotiation(handler, aggregate));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
        track(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private ChannelHandler negotiation(Supplier<ChannelHandler> handler, boolean aggregate) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (!ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    ctx.pipeline()
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(1024 * 1024))
                            .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext child, FullHttpRequest request) {
                                    OriginServers.text(child, "HTTP/1.1", Map.of());
                                }
                            });
                    return;
                }
                String connection = ctx.channel().id().asShortText();
                ctx.pipeline()
                        .addLast(Http2FrameCodecBuilder.forServer().build())
                        .addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel stream) {
                                stream.pipeline()
                                        .addLast(recorder(connection))
                                        .addLast(new Http2StreamFrameToHttpObjectCodec(true));
                                if (aggregate) {
                                    stream.pipeline().addLast(new HttpObjectAggregator(1024 * 1024));
                                }
                                stream.pipeline().addLast(handler.get());
                            }
                        }));
            }
        };
    }

    private ChannelHandler recorder(String connection) {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame frame) {
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    frame.headers()
                            .forEach(entry -> headers.add(Map.entry(
                                    entry.getKey().toString(), entry.getValue().toString())));
                    heads.add(new Head(connection, headers));
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private synchronized void track(Channel channel) {
        this.channels.add(channel);
    }

    @Override
    public synchronized void close() {
        this.channels.forEach(channel -> channel.close().syncUninterruptibly());
    }

    /**
     * One HTTP/2 request head as the origin received it.
     *
     * @param connection the id of the TLS connection it came on
     * @param headers the header fields in order, pseudo-headers first
     */
    record Head(String connection, List<Map.Entry<String, String>> headers) {

        String get(String name) {
            return this.headers.stream()
                    .filter(entry -> entry.getKey().equals(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }
}
