package io.tunnelagent.core.origin.hello;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * cloudflared's {@code hello_world} service: a TLS server on {@code 127.0.0.1} (random port, self-signed certificate)
 * that answers every path with a small HTML page and echoes WebSocket frames on {@code /ws}. Ingress rules proxy to
 * it like an {@code https} origin that trusts {@link #certificate()}.
 */
public final class HelloWorldServer implements AutoCloseable {

    private static final String PAGE = "<!DOCTYPE html><html><head><title>Hello Cloudflare Tunnel</title></head>"
            + "<body><h1>Congrats! You created a tunnel!</h1>"
            + "<p>This page is served by the connector's built-in hello_world origin.</p></body></html>\n";

    private final Channel server;
    private final X509Certificate certificate;

    private HelloWorldServer(Channel server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /**
     * Starts the server without blocking.
     *
     * @param group the event loop group (NIO)
     * @param clock the clock for the certificate's validity
     * @return completes with the listening server
     */
    public static CompletableFuture<HelloWorldServer> start(EventLoopGroup group, Clock clock) {
        CompletableFuture<HelloWorldServer> result = new CompletableFuture<>();
        try {
            SelfSignedCertificate self = SelfSignedCertificate.generate(clock.instant());
            SslContext tls =
                    SslContextBuilder.forServer(self.key(), self.certificate()).build();
            ChannelFuture bind = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(tls.newHandler(ch.alloc()))
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(64 * 1024))
                                    .addLast(new WebSocketServerProtocolHandler("/ws"))
                                    .addLast(new EchoFrames())
                                    .addLast(new Page());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0));
            bind.addListener(f -> {
                if (f.isSuccess()) {
                    result.complete(new HelloWorldServer(bind.channel(), self.certificate()));
                } else {
                    result.completeExceptionally(new IllegalStateException(
                            "Unable to start the hello-world server: "
                                    + f.cause().getMessage(),
                            f.cause()));
                }
            });
        } catch (Exception ex) {
            result.completeExceptionally(
                    new IllegalStateException("Unable to start the hello-world server: " + ex.getMessage(), ex));
        }
        return result;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return ((InetSocketAddress) this.server.localAddress()).getPort();
    }

    /** The server's self-signed certificate, to be trusted by the origin client. */
    public X509Certificate certificate() {
        return this.certificate;
    }

    @Override
    public void close() {
        ChannelFuture closed = this.server.close();
        if (!this.server.eventLoop().inEventLoop()) {
            closed.syncUninterruptibly();
        }
    }

    private static final class EchoFrames extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.writeAndFlush(frame.retain());
        }
    }

    private static final class Page extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            response.headers().set("Content-Type", "text/html; charset=utf-8");
            response.headers().set("Content-Length", body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
