package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.tunnelagent.transport.netty.StreamOperations;

/**
 * Stream writes on a {@link QuicStreamChannel}: FIN with {@code shutdownOutput()}, a reset as RESET_STREAM plus
 * STOP_SENDING with the code, and {@code cloudflared}'s close as FIN plus STOP_SENDING 0.
 */
final class QuicStreamOperations implements StreamOperations {

    static final QuicStreamOperations INSTANCE = new QuicStreamOperations();

    private QuicStreamOperations() {}

    @Override
    public Object wrap(ByteBuf data) {
        return data;
    }

    @Override
    public ChannelFuture shutdownOutput(Channel channel) {
        return ((QuicStreamChannel) channel).shutdownOutput();
    }

    @Override
    public void reset(Channel channel, long errorCode) {
        ((QuicStreamChannel) channel).shutdown(applicationCode(errorCode)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void closeAfterOutputEnded(Channel channel) {
        ((QuicStreamChannel) channel).shutdownInput(0).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Netty QUIC takes stream and connection error codes as {@code int}; larger codes are clamped.
     *
     * @param errorCode the application error code
     * @return the code as an int
     */
    static int applicationCode(long errorCode) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, errorCode));
    }
}
