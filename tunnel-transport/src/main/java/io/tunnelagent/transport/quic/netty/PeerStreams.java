package io.tunnelagent.transport.quic.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicStreamChannel;

/** Hands every stream the peer opens to its connection (looked up on the parent {@code QuicChannel}). */
@ChannelHandler.Sharable
final class PeerStreams extends ChannelInitializer<QuicStreamChannel> {

    static final PeerStreams INSTANCE = new PeerStreams();

    private PeerStreams() {}

    @Override
    protected void initChannel(QuicStreamChannel stream) {
        NettyQuicConnection connection =
                stream.parent().attr(ConnectionEvents.CONNECTION).get();
        if (connection == null) {
            stream.shutdown(0).addListener(f -> stream.close());
            return;
        }
        connection.onPeerStream(stream);
    }
}
