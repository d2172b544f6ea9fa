package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;
import io.netty.util.AttributeKey;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler on a {@link QuicChannel}'s pipeline: creates the {@link NettyQuicConnection} when the handshake is
 * done, delivers datagrams ({@code ByteBuf}s) to it, and records the peer's close and the datagram limit. Anything
 * else read here, notably the peer's new {@code QuicStreamChannel}s, is passed on so that Netty registers them.
 */
final class ConnectionEvents extends ChannelInboundHandlerAdapter {

    static final AttributeKey<NettyQuicConnection> CONNECTION =
            AttributeKey.valueOf(NettyQuicConnection.class, "tunnel");

    private static final Logger log = LoggerFactory.getLogger(ConnectionEvents.class);

    private final Function<QuicChannel, NettyQuicConnection> factory;
    private @Nullable NettyQuicConnection connection;
    private @Nullable QuicConnectionCloseEvent peerClose;
    private int maxDatagramSize;

    ConnectionEvents(Function<QuicChannel, NettyQuicConnection> factory) {
        this.factory = factory;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        establish((QuicChannel) ctx.channel());
        ctx.fireChannelActive();
    }

    /**
     * Creates the connection once the handshake is done; called on the event loop from {@code channelActive} or
     * from the dial's completion, whichever comes first.
     *
     * @param channel the established channel
     * @return the connection
     */
    NettyQuicConnection establish(QuicChannel channel) {
        NettyQuicConnection current = connection;
        if (current == null) {
            current = factory.apply(channel);
            current.maxDatagramSize(maxDatagramSize);
            channel.attr(CONNECTION).set(current);
            connection = current;
        }
        return current;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf datagram) {
            NettyQuicConnection current = connection;
            if (current == null || KeepAlive.isKeepAlive(datagram)) {
                datagram.release();
            } else {
                current.onDatagram(datagram);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof QuicConnectionCloseEvent close) {
            peerClose = close;
        } else if (event instanceof QuicDatagramExtensionEvent datagrams) {
            maxDatagramSize = datagrams.maxLength();
            NettyQuicConnection current = connection;
            if (current != null) {
                current.maxDatagramSize(maxDatagramSize);
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyQuicConnection current = connection;
        if (current != null) {
            current.onInactive(peerClose, ((QuicChannel) ctx.channel()).isTimedOut());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("QUIC connection {} error", ctx.channel(), cause);
    }

    /**
     * The peer's CONNECTION_CLOSE, if one arrived.
     *
     * @return the event or null
     */
    @Nullable
    QuicConnectionCloseEvent peerClose() {
        return peerClose;
    }
}
