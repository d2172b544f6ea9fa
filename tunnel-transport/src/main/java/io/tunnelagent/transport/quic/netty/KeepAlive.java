package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Keeps a QUIC connection from hitting its idle timeout. Netty QUIC (quiche through JNI) exposes neither PING nor
 * quiche's {@code send_ack_eliciting}, so this sends a one-byte DATAGRAM frame ({@code 0xFF}), which is
 * ack-eliciting, every period once the peer has enabled datagrams. No datagram format of the protocol (v2: type in
 * the last byte, v3: type in the first byte, types 0 to 3) is a single {@code 0xFF}; receivers of this transport
 * drop it.
 */
final class KeepAlive {

    private static final byte MARKER = (byte) 0xFF;
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(1).writeByte(MARKER).asReadOnly());

    private KeepAlive() {}

    /**
     * Starts sending keep-alives; they stop when the channel closes.
     *
     * @param channel the connection
     * @param period the period, zero for none
     * @param maxDatagramSize the peer's datagram limit, 0 while datagrams are off
     */
    static void start(QuicChannel channel, Duration period, IntSupplier maxDatagramSize) {
        if (period.isZero()) {
            return;
        }
        long nanos = period.toNanos();
        ScheduledFuture<?> task = channel.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            if (channel.isActive() && maxDatagramSize.getAsInt() > 0) {
                                channel.writeAndFlush(PING.duplicate());
                            }
                        },
                        nanos,
                        nanos,
                        TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(f -> task.cancel(false));
    }

    /**
     * Whether a received datagram is a keep-alive.
     *
     * @param datagram the datagram
     * @return true for a single {@code 0xFF} byte
     */
    static boolean isKeepAlive(ByteBuf datagram) {
        return datagram.readableBytes() == 1 && datagram.getByte(datagram.readerIndex()) == MARKER;
    }
}
