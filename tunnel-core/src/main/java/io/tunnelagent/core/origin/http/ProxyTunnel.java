package io.tunnelagent.core.origin.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginException;
import java.util.concurrent.CompletableFuture;

/**
 * Opens an HTTP {@code CONNECT} tunnel through a forward proxy (for {@code https} origins behind
 * {@code HTTPS_PROXY}); the channel is a raw byte pipe to the origin once the proxy answered 200.
 */
final class ProxyTunnel extends SimpleChannelInboundHandler<HttpObject> {

    private static final String CODEC = "proxy-codec";
    private static final String HANDLER = "proxy-connect";

    private final CompletableFuture<Channel> result = new CompletableFuture<>();
    private final String authority;
    private int status;

    private ProxyTunnel(String authority) {
        this.authority = authority;
    }

    static CompletableFuture<Channel> open(Channel channel, String host, int port, ProxyEnvironment.Proxy proxy) {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        ProxyTunnel tunnel = new ProxyTunnel(authority);
        channel.eventLoop().execute(() -> {
            channel.pipeline().addLast(CODEC, new HttpClientCodec()).addLast(HANDLER, tunnel);
            FullHttpRequest connect = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, authority);
            connect.headers().set("Host", authority);
            if (proxy.authorization() != null) {
                connect.headers().set("Proxy-Authorization", proxy.authorization());
            }
            channel.config().setAutoRead(true);
            channel.writeAndFlush(connect).addListener(f -> {
                if (!f.isSuccess()) {
                    tunnel.fail(channel, "proxyconnect tcp: " + f.cause().getMessage());
                }
            });
        });
        channel.closeFuture().addListener(f -> tunnel.fail(channel, "proxyconnect tcp: EOF"));
        return tunnel.result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpResponse response) {
            this.status = response.status().code();
            if (this.status != 200) {
                fail(
                        ctx.channel(),
                        "proxyconnect tcp: proxy answered " + response.status() + " to CONNECT " + this.authority);
                return;
            }
        }
        if (msg instanceof LastHttpContent && this.status == 200) {
            Channel channel = ctx.channel();
            channel.config().setAutoRead(false);
            channel.pipeline().remove(HANDLER);
            channel.pipeline().remove(CODEC);
            this.result.complete(channel);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx.channel(), "proxyconnect tcp: " + cause.getMessage());
    }

    private void fail(Channel channel, String text) {
        if (this.result.completeExceptionally(new OriginException(OriginErrors.UNREACHABLE + ": " + text))) {
            channel.close();
        }
    }
}
