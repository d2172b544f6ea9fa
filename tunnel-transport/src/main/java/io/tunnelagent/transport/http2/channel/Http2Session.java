package io.tunnelagent.transport.http2.channel;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.ConnectionClosed;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The life of one HTTP/2 tunnel connection: closes it with a GOAWAY that carries the application's code, records
 * the GOAWAY the peer sent and the failure that ended it, and completes {@link #closeFuture()} when the TCP
 * connection is gone. Sits last in the connection's pipeline, after the frame codec, and consumes the connection-level
 * frames the codec passes on (SETTINGS, PING, GOAWAY).
 */
public final class Http2Session extends ChannelInboundHandlerAdapter {

    private final Channel channel;
    private final CompletableFuture<ConnectionClosed> closeFuture = new CompletableFuture<>();
    private boolean closedLocally;
    private long localCode = -1;
    private String localReason = "";
    private long peerCode = -1;
    private String peerReason = "";
    private @Nullable Throwable failure;

    /**
     * Creates the session of a connection.
     *
     * @param channel the TCP channel
     */
    public Http2Session(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(f -> complete());
    }

    /**
     * Completes when the connection has ended; never fails.
     *
     * @return the future
     */
    public CompletableFuture<ConnectionClosed> closeFuture() {
        return closeFuture;
    }

    /**
     * Sends GOAWAY with the code and reason (as debug data), then closes the TCP connection.
     *
     * @param errorCode the HTTP/2 error code, 0 for a normal close
     * @param reason a short reason
     * @return completes when closed
     */
    public CompletableFuture<Void> close(long errorCode, String reason) {
        channel.eventLoop().execute(() -> {
            if (!closedLocally && peerCode < 0 && failure == null) {
                closedLocally = true;
                localCode = errorCode;
                localReason = reason;
            }
            if (channel.isActive()) {
                DefaultHttp2GoAwayFrame goAway =
                        new DefaultHttp2GoAwayFrame(errorCode, ByteBufUtil.writeUtf8(channel.alloc(), reason));
                channel.writeAndFlush(goAway).addListener(f -> channel.close());
            } else {
                channel.close();
            }
        });
        return closeFuture.thenApply(closed -> null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2GoAwayFrame goAway && peerCode < 0) {
            peerCode = goAway.errorCode();
            peerReason = goAway.content().toString(StandardCharsets.UTF_8);
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    private void complete() {
        if (closedLocally) {
            closeFuture.complete(new ConnectionClosed(false, localCode, localReason, null));
        } else if (peerCode >= 0) {
            closeFuture.complete(new ConnectionClosed(true, peerCode, peerReason, null));
        } else {
            Throwable cause = failure;
            String reason = cause == null ? "connection with the peer closed" : String.valueOf(cause.getMessage());
            closeFuture.complete(new ConnectionClosed(true, -1, reason, cause));
        }
    }
}
