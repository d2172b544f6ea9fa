package io.tunnelagent.transport.http2.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.http2.headers.ConfigurationJson;
import io.tunnelagent.transport.netty.StreamSignal;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the response of an {@code update-configuration} request (behind an
 * {@link io.tunnelagent.transport.http2.channel.Http2FrameTranslator}) and decodes the JSON answer.
 */
final class ConfigurationAnswerReader extends ChannelInboundHandlerAdapter {

    private static final int MAX_ANSWER = 64 * 1024;

    private final CompletableFuture<ConfigurationJson.Answer> answer = new CompletableFuture<>();
    private String status = "";
    private ByteBuf body = io.netty.buffer.Unpooled.EMPTY_BUFFER;

    CompletableFuture<ConfigurationJson.Answer> answer() {
        return answer;
    }

    void onHead(Http2Headers headers) {
        status = headers.status() == null ? "" : headers.status().toString();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        body = ctx.alloc().buffer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data && body.readableBytes() + data.readableBytes() <= MAX_ANSWER) {
            body.writeBytes(data);
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof StreamSignal.Reset reset) {
            answer.completeExceptionally(new TransportException(
                    "The connector reset the configuration update stream with code " + reset.errorCode()));
        } else if (event == StreamSignal.INPUT_ENDED) {
            if (!status.equals("200")) {
                answer.completeExceptionally(new TransportException(
                        "The connector answered the configuration update with status " + status));
            } else {
                try {
                    answer.complete(ConfigurationJson.decodeAnswer(ByteBufUtil.getBytes(body)));
                } catch (TransportException ex) {
                    answer.completeExceptionally(ex);
                }
            }
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        answer.completeExceptionally(
                new TransportException("The configuration update stream closed before the connector answered"));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        body.release();
    }
}
