package io.tunnelagent.core.origin.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tunnelagent.core.origin.tcp.PipeCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The server side of RFC 6455 framing, terminated by the connector for stream-based origins (protocol doc 3.5):
 * reads masked client frames (fragmented or not; text and binary payloads both go to the origin as bytes), answers
 * pings with pongs, echoes a close frame and ends the pipe; writes origin bytes as unmasked binary frames and pings
 * the visitor every 54 seconds. Payloads stream through in slices; only control frames (at most 125 bytes) are held.
 */
final class WebSocketCodec implements PipeCodec {

    static final Duration PING_PERIOD = Duration.ofSeconds(54);

    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;

    private final EventLoop pingLoop;
    private final ByteBufAllocator alloc;
    private @Nullable ByteBuf header;
    private @Nullable ByteBuf control;
    private @Nullable ScheduledFuture<?> pinger;
    private int opcode;
    private long remaining = -1;
    private final byte[] mask = new byte[4];
    private boolean masked;
    private long maskOffset;
    private boolean closed;

    WebSocketCodec(EventLoop pingLoop, ByteBufAllocator alloc) {
        this.pingLoop = pingLoop;
        this.alloc = alloc;
    }

    @Override
    public synchronized void started(Sink sink) {
        if (this.pinger != null) {
            return;
        }
        long period = PING_PERIOD.toMillis();
        this.pinger = this.pingLoop.scheduleAtFixedRate(
                () -> sink.toTunnel(Unpooled.wrappedBuffer(new byte[] {(byte) 0x89, 0})),
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stopped() {
        ScheduledFuture<?> task;
        synchronized (this) {
            task = this.pinger;
        }
        if (task != null) {
            task.cancel(false);
        }
        synchronized (this) {
            release();
        }
    }

    @Override
    public synchronized void fromTunnel(ByteBuf data, Sink sink) {
        try {
            while (data.isReadable() && !this.closed) {
                if (this.remaining < 0) {
                    if (!readHeader(data)) {
                        return;
                    }
                    if (this.opcode >= OP_CLOSE && this.remaining > 125) {
                        this.closed = true;
                        sink.end();
                        return;
                    }
                }
                if (this.remaining == 0) {
                    frameComplete(sink);
                    continue;
                }
                int take = (int) Math.min(this.remaining, data.readableBytes());
                ByteBuf payload = data.readRetainedSlice(take);
                unmask(payload);
                this.remaining -= take;
                if (this.opcode >= OP_CLOSE) {
                    control().writeBytes(payload);
                    payload.release();
                } else {
                    sink.toOrigin(payload);
                }
                if (this.remaining == 0) {
                    frameComplete(sink);
                }
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void fromOrigin(ByteBuf data, Sink sink) {
        int length = data.readableBytes();
        ByteBuf frameHeader = this.alloc.buffer(10);
        frameHeader.writeByte(0x82);
        if (length < 126) {
            frameHeader.writeByte(length);
        } else if (length <= 0xFFFF) {
            frameHeader.writeByte(126).writeShort(length);
        } else {
            frameHeader.writeByte(127).writeLong(length);
        }
        sink.toTunnel(Unpooled.wrappedBuffer(frameHeader, data));
    }

    private boolean readHeader(ByteBuf data) {
        ByteBuf buffer = this.header;
        if (buffer == null) {
            buffer = this.alloc.buffer(14);
            this.header = buffer;
        }
        while (data.isReadable()) {
            buffer.writeByte(data.readByte());
            int needed = headerLength(buffer);
            if (needed > 0 && buffer.readableBytes() == needed) {
                parseHeader(buffer);
                buffer.release();
                this.header = null;
                return true;
            }
        }
        return false;
    }

    private static int headerLength(ByteBuf buffer) {
        if (buffer.readableBytes() < 2) {
            return -1;
        }
        int second = buffer.getUnsignedByte(1);
        int lengthCode = second & 0x7F;
        int extra = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        return 2 + extra + ((second & 0x80) != 0 ? 4 : 0);
    }

    private void parseHeader(ByteBuf buffer) {
        int first = buffer.readUnsignedByte();
        int second = buffer.readUnsignedByte();
        this.opcode = first & 0x0F;
        this.masked = (second & 0x80) != 0;
        int lengthCode = second & 0x7F;
        this.remaining =
                lengthCode == 126 ? buffer.readUnsignedShort() : lengthCode == 127 ? buffer.readLong() : lengthCode;
        if (this.masked) {
            buffer.readBytes(this.mask);
        }
        this.maskOffset = 0;
    }

    private void unmask(ByteBuf payload) {
        if (!this.masked) {
            return;
        }
        for (int i = payload.readerIndex(); i < payload.writerIndex(); i++) {
            payload.setByte(i, payload.getByte(i) ^ this.mask[(int) (this.maskOffset++ & 3)]);
        }
    }

    private void frameComplete(Sink sink) {
        this.remaining = -1;
        if (this.opcode == OP_PING) {
            sink.toTunnel(frame(0xA, takeControl()));
        } else if (this.opcode == OP_CLOSE) {
            this.closed = true;
            sink.toTunnel(frame(0x8, takeControl()));
            sink.end();
        } else if (this.opcode > OP_CLOSE) {
            takeControl().release();
        }
    }

    private ByteBuf frame(int op, ByteBuf payload) {
        ByteBuf frame = this.alloc.buffer(2 + payload.readableBytes());
        frame.writeByte(0x80 | op).writeByte(payload.readableBytes()).writeBytes(payload);
        payload.release();
        return frame;
    }

    private ByteBuf control() {
        ByteBuf buffer = this.control;
        if (buffer == null) {
            buffer = this.alloc.buffer(125);
            this.control = buffer;
        }
        return buffer;
    }

    private ByteBuf takeControl() {
        ByteBuf buffer = this.control;
        this.control = null;
        return buffer != null ? buffer : Unpooled.EMPTY_BUFFER;
    }

    private void release() {
        if (this.header != null) {
            this.header.release();
            this.header = null;
        }
        if (this.control != null) {
            this.control.release();
            this.control = null;
        }
    }
}
