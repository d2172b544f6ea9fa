package io.tunnelagent.transport.http2.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import io.tunnelagent.transport.netty.StreamSignal;
import java.util.function.Consumer;

/**
 * Turns the frames of one HTTP/2 stream channel into what {@link ChannelTunnelStream} expects: DATA payloads as
 * {@code ByteBuf}s, END_STREAM as {@link StreamSignal#INPUT_ENDED}, RST_STREAM as {@link StreamSignal.Reset}. The
 * first HEADERS frame (the request or response head) goes to a listener instead; later HEADERS (trailers) are
 * dropped except for their END_STREAM.
 *
 * <p>The listener runs before the head's END_STREAM is signalled, so it may attach the stream that receives it.
 *
 * <p>Until the head has arrived the translator asks for reads itself, whatever the channel's auto-read setting: a
 * {@link ChannelTunnelStream} pauses reading until it has an inbound handler, and the head is not stream data. Frames
 * that may precede the head (a stream WINDOW_UPDATE once the peer consumed request body) each use up one read of a
 * paused child channel; without these reads the head would wait, unread, for an inbound handler that its caller may
 * set only after the head arrived.
 */
public final class Http2FrameTranslator extends ChannelInboundHandlerAdapter {

    private final HeadListener headListener;
    private boolean headSeen;

    /**
     * Creates a translator.
     *
     * @param headListener receives the first HEADERS frame's headers
     */
    public Http2FrameTranslator(Consumer<Http2Headers> headListener) {
        this((headers, endStream) -> headListener.accept(headers));
    }

    /**
     * Creates a translator whose listener also learns whether the head ended the stream.
     *
     * @param headListener receives the first HEADERS frame's headers and its END_STREAM flag
     */
    public Http2FrameTranslator(HeadListener headListener) {
        this.headListener = headListener;
    }

    /** Reads the head even if the stream was attached (reading paused) before the channel became active. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        readIfHeadPending(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfHeadPending(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            if (data.content().isReadable()) {
                ctx.fireChannelRead(data.content());
            } else {
                data.release();
            }
            if (end) {
                ctx.fireUserEventTriggered(StreamSignal.INPUT_ENDED);
            }
        } else if (msg instanceof Http2HeadersFrame headers) {
            if (!headSeen) {
                headSeen = true;
                headListener.onHead(headers.headers(), headers.isEndStream());
            }
            if (headers.isEndStream()) {
                ctx.fireUserEventTriggered(StreamSignal.INPUT_ENDED);
            }
        } else if (msg instanceof Http2ResetFrame reset) {
            ctx.fireUserEventTriggered(new StreamSignal.Reset(reset.errorCode()));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void readIfHeadPending(ChannelHandlerContext ctx) {
        if (!headSeen && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    /** Netty's multiplexer delivers RST_STREAM as a user event (it is not flow-controlled). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2ResetFrame reset) {
            ctx.fireUserEventTriggered(new StreamSignal.Reset(reset.errorCode()));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Receives the head of a stream. */
    @FunctionalInterface
    public interface HeadListener {

        /**
         * Called once, with the first HEADERS frame.
         *
         * @param headers the headers
         * @param endStream whether the frame carried END_STREAM (no body follows)
         */
        void onHead(Http2Headers headers, boolean endStream);
    }
}
