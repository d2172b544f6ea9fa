package io.tunnelagent.transport.http2.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import io.tunnelagent.transport.netty.StreamOperations;

/**
 * The HTTP/2 side of {@link ChannelTunnelStream}: bytes go out as DATA frames, the end of output as an empty DATA
 * frame with END_STREAM, a reset as RST_STREAM with the caller's code. Closing a stream whose peer has not finished
 * sending makes Netty send RST_STREAM(CANCEL), which is how the peer learns that nobody reads any more.
 */
public final class Http2StreamOperations implements StreamOperations {

    /** The shared, stateless instance. */
    public static final Http2StreamOperations INSTANCE = new Http2StreamOperations();

    private Http2StreamOperations() {}

    /**
     * Wraps an HTTP/2 stream channel whose pipeline already holds an {@link Http2FrameTranslator}.
     *
     * @param channel the stream channel
     * @return the stream, reading paused until it has an inbound handler
     */
    public static ChannelTunnelStream attach(Http2StreamChannel channel) {
        ChannelTunnelStream stream =
                ChannelTunnelStream.attach(channel, channel.stream().id(), INSTANCE);
        closeUnreadWithConnection(channel, stream);
        return stream;
    }

    /**
     * Closes the stream when its connection closes if nobody reads it yet. Netty keeps the channel of an ended stream
     * open, with the frames it has not read (DATA frames hold slices of the connection's receive buffers), until the
     * channel reads again; a stream that never got an inbound handler never reads, so those frames would leak. A
     * stream with a handler keeps them: it reads them, then closes, when the handler resumes reading.
     */
    private static void closeUnreadWithConnection(Http2StreamChannel channel, ChannelTunnelStream stream) {
        ChannelFuture connectionClosed = channel.parent().closeFuture();
        ChannelFutureListener closeUnread = f -> stream.closeIfUnhandled();
        connectionClosed.addListener(closeUnread);
        channel.closeFuture().addListener(f -> connectionClosed.removeListener(closeUnread));
    }

    @Override
    public Object wrap(ByteBuf data) {
        return new DefaultHttp2DataFrame(data);
    }

    @Override
    public ChannelFuture shutdownOutput(Channel channel) {
        return channel.writeAndFlush(new DefaultHttp2DataFrame(true));
    }

    @Override
    public void reset(Channel channel, long errorCode) {
        channel.writeAndFlush(new DefaultHttp2ResetFrame(errorCode)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void closeAfterOutputEnded(Channel channel) {
        channel.close();
    }
}
