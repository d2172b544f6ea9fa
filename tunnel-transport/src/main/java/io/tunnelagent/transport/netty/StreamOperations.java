package io.tunnelagent.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * What differs between transports when {@link ChannelTunnelStream} writes to a stream channel. Every method is
 * called on the channel's event loop.
 */
public interface StreamOperations {

    /**
     * Wraps outbound bytes in the message the channel expects (a {@code ByteBuf} for QUIC, a DATA frame for
     * HTTP/2).
     *
     * @param data the bytes
     * @return the message to write
     */
    Object wrap(ByteBuf data);

    /**
     * Sends the end of the output (QUIC FIN, HTTP/2 END_STREAM). Called after every pending write completed.
     *
     * @param channel the stream channel
     * @return the write future
     */
    ChannelFuture shutdownOutput(Channel channel);

    /**
     * Aborts the stream with an application error code and closes the channel.
     *
     * @param channel the stream channel
     * @param errorCode the code
     */
    void reset(Channel channel, long errorCode);

    /**
     * Stops reading and closes the channel once the output has ended (cloudflared's stream {@code Close()}).
     *
     * @param channel the stream channel
     */
    void closeAfterOutputEnded(Channel channel);
}
