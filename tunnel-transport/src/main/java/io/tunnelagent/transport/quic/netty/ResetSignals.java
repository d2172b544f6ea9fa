package io.tunnelagent.transport.quic.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.tunnelagent.transport.netty.StreamSignal;

/**
 * Turns the peer's RESET_STREAM, which Netty QUIC reports as a {@link QuicStreamResetException}, into a
 * {@link StreamSignal.Reset} with the peer's code, then closes the stream. (Netty QUIC 4.2 does not report a
 * STOP_SENDING on its own: it shows as failed writes.)
 */
@ChannelHandler.Sharable
final class ResetSignals extends ChannelInboundHandlerAdapter {

    static final ResetSignals INSTANCE = new ResetSignals();

    private ResetSignals() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException reset) {
            ctx.fireUserEventTriggered(new StreamSignal.Reset(reset.applicationProtocolCode()));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
