package io.tunnelagent.edge.visitor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.edge.registration.LiveConnection;
import io.tunnelagent.protocol.stream.ConnectRequest;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the requests of one visitor HTTP/1.1 connection, one at a time, or the one request of an HTTP/2 stream
 * (which reaches it as HTTP/1.1 message objects): routes each by its {@code Host} to a tunnel, acquires one of the
 * tunnel's connections and proxies the request through an {@link Exchange}, or answers with an error page.
 */
final class VisitorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(VisitorHandler.class);

    private final VisitorServer.Context context;
    private final boolean tls;
    private final boolean http2;
    private @Nullable Exchange exchange;

    VisitorHandler(VisitorServer.Context context, boolean tls, boolean http2) {
        this.context = context;
        this.tls = tls;
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (msg instanceof HttpRequest request) {
            if (current != null) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            start(ctx, request);
            if (msg instanceof HttpContent) {
                content(ctx, msg);
            }
            return;
        }
        if (msg instanceof HttpContent || msg instanceof ByteBuf) {
            content(ctx, msg);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void content(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current != null) {
            current.requestPart(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        String ray = HexFormat.of().formatHex(randomBytes()) + "-LOCAL";
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            reject(
                    ctx,
                    keepAlive,
                    ErrorPages.page(
                            ctx.alloc(),
                            HttpResponseStatus.BAD_REQUEST,
                            "Bad request",
                            "The request has no Host header, so no tunnel can be chosen.",
                            ray));
            return;
        }
        Optional<UUID> tunnel = context.store().route(host);
        if (tunnel.isEmpty()) {
            reject(
                    ctx,
                    keepAlive,
                    ErrorPages.page(
                            ctx.alloc(),
                            HttpResponseStatus.NOT_FOUND,
                            "No tunnel for this host",
                            "No tunnel has a route for " + host + ". Add a hostname route with the admin API.",
                            ray));
            return;
        }
        Optional<LiveConnection> acquired = context.registry().acquire(tunnel.get());
        if (acquired.isEmpty()) {
            reject(
                    ctx,
                    keepAlive,
                    ErrorPages.page(
                            ctx.alloc(),
                            ErrorPages.TUNNEL_UNAVAILABLE,
                            "Tunnel unavailable",
                            "The tunnel for " + host + " has no healthy connector connection. Start its connector"
                                    + " (cloudflared tunnel run) and try again.",
                            ray));
            return;
        }
        LiveConnection connection = acquired.get();
        boolean webSocket = !http2 && RequestMapper.isWebSocket(request);
        ConnectRequest connect =
                RequestMapper.map(request, (InetSocketAddress) ctx.channel().remoteAddress(), tls, ray);
        Exchange started =
                new Exchange(ctx, connection, context.metrics(), ray, keepAlive, webSocket, () -> ended(ctx));
        exchange = started;
        ctx.channel().config().setAutoRead(false);
        log.debug(
                "[{}] {} {} for host {} via connection {}",
                ray,
                request.method(),
                request.uri(),
                host,
                connection.id());
        connection
                .transport()
                .openDataStream(connect)
                .whenComplete((outgoing, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        started.openFailed(failure);
                    } else {
                        started.opened(outgoing, context.responseTimeout());
                    }
                }));
    }

    private void ended(ChannelHandlerContext ctx) {
        exchange = null;
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void reject(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse page) {
        context.metrics().request(page.status().code());
        if (!keepAlive) {
            page.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(page).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(page);
        }
    }

    /** After an h2c upgrade the connection's streams have handlers of their own; this one leaves. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
            if (ctx.pipeline().get("continue") != null) {
                ctx.pipeline().remove("continue");
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null && ctx.channel().isWritable()) {
            current.visitorWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.visitorGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Visitor connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
