package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.quic.StreamHead;
import io.tunnelagent.transport.quic.StreamHeadReader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Reads the connector's response head on a data stream the edge opened, completes the response future and removes
 * itself. It asks for reads itself, so the head is read even while the stream's inbound handler is not yet set.
 */
final class ResponseHeadHandler extends ChannelInboundHandlerAdapter {

    private final CompletableFuture<ConnectResponse> response;
    private @Nullable StreamHeadReader reader;

    ResponseHeadHandler(CompletableFuture<ConnectResponse> response) {
        this.response = response;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        reader = new StreamHeadReader(ctx.alloc(), StreamHeadReader.Expect.RESPONSE);
        ctx.read();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        StreamHeadReader current = reader;
        reader = null;
        if (current != null) {
            current.release();
        }
        response.completeExceptionally(new TransportException("Stream ended before the connector's response"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StreamHeadReader current = reader;
        if (!(msg instanceof ByteBuf data) || current == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<StreamHead> head = current.offer(data);
        if (head.isEmpty()) {
            return;
        }
        if (head.get() instanceof StreamHead.Response found) {
            ByteBuf remainder = current.remainder();
            response.complete(found.response());
            if (remainder.isReadable()) {
                ctx.fireChannelRead(remainder);
            } else {
                remainder.release();
            }
            ctx.pipeline().remove(this);
        } else {
            response.completeExceptionally(
                    new TransportException("Stream " + ctx.channel() + " has no valid response: " + head.get()));
            ctx.pipeline().remove(this);
            ((io.netty.handler.codec.quic.QuicStreamChannel) ctx.channel())
                    .shutdown(0)
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reader != null && !response.isDone()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!response.isDone()) {
            response.completeExceptionally(
                    new TransportException("Stream ended before the connector's response (" + event + ")"));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        response.completeExceptionally(new TransportException("Stream closed before the connector's response"));
        ctx.fireChannelInactive();
    }
}
