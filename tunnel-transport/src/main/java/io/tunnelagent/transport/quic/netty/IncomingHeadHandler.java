package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import io.tunnelagent.transport.quic.QuicStreams;
import io.tunnelagent.transport.quic.StreamHead;
import io.tunnelagent.transport.quic.StreamHeadReader;
import io.tunnelagent.transport.quic.StreamHeads;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the head of a stream the peer opened, then hands the stream on as an {@link IncomingStream} and removes
 * itself; the bytes after the head stay in the stream. A stream with an unexpected signature is reset with code 0;
 * a data stream with a malformed request gets an error response and is closed.
 */
final class IncomingHeadHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IncomingHeadHandler.class);

    private final String logPrefix;
    private final StreamHeadReader.Expect expect;
    private final Consumer<IncomingStream> delivery;
    private @Nullable StreamHeadReader reader;

    IncomingHeadHandler(String logPrefix, StreamHeadReader.Expect expect, Consumer<IncomingStream> delivery) {
        this.logPrefix = logPrefix;
        this.expect = expect;
        this.delivery = delivery;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        reader = new StreamHeadReader(ctx.alloc(), expect);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        StreamHeadReader current = reader;
        reader = null;
        if (current != null) {
            current.release();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StreamHeadReader current = reader;
        if (!(msg instanceof ByteBuf data) || current == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<StreamHead> head = current.offer(data);
        head.ifPresent(found -> onHead(ctx, current, found));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (reader != null) {
            // FIN or reset before a complete head: nothing to hand on
            log.debug("{} stream {} ended before its head was complete ({})", logPrefix, streamId(ctx), event);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void onHead(ChannelHandlerContext ctx, StreamHeadReader current, StreamHead head) {
        QuicStreamChannel channel = (QuicStreamChannel) ctx.channel();
        if (head instanceof StreamHead.Refused refused) {
            log.debug("{} stream {} refused with a reset: {}", logPrefix, channel.streamId(), refused.message());
            ctx.pipeline().remove(this);
            channel.shutdown(0).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (head instanceof StreamHead.Malformed malformed) {
            log.debug("{} stream {} answered with an error: {}", logPrefix, channel.streamId(), malformed.message());
            ctx.pipeline().remove(this);
            ConnectResponse error = new ConnectResponse(malformed.message(), List.of());
            channel.writeAndFlush(StreamHeads.response(ctx.alloc(), error))
                    .addListener(f -> channel.shutdownOutput())
                    .addListener(f -> channel.shutdownInput(0).addListener(ChannelFutureListener.CLOSE));
            return;
        }
        ChannelTunnelStream stream =
                ChannelTunnelStream.attach(channel, channel.streamId(), QuicStreamOperations.INSTANCE);
        ByteBuf remainder = current.remainder();
        if (remainder.isReadable()) {
            ctx.fireChannelRead(remainder);
        } else {
            remainder.release();
        }
        ctx.pipeline().remove(this);
        IncomingStream incoming = head instanceof StreamHead.Data data
                ? QuicStreams.incomingData(stream, data.request())
                : QuicStreams.incomingRpc(stream);
        log.debug("{} stream {} opened by the peer: {}", logPrefix, channel.streamId(), incoming);
        delivery.accept(incoming);
    }

    private static long streamId(ChannelHandlerContext ctx) {
        return ((QuicStreamChannel) ctx.channel()).streamId();
    }
}
