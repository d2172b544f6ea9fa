package io.tunnelagent.protocol.rpc.wire;

import io.tunnelagent.protocol.capnp.Framing;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cap'n Proto standard (unpacked) stream framing: {@code u32 segmentCount-1}, {@code u32} size in words of each segment,
 * padding to a word boundary, then the segments.
 */
public final class Frames {

    /** The most segments a frame may have; cloudflared's messages have one. */
    public static final int MAX_SEGMENTS = 64;

    private Frames() {}

    /**
     * Returns the length of the frame that starts at {@code buffer}'s position, without consuming anything (the codec's
     * {@link Framing#frameLength}, with this layer's limits).
     *
     * @param buffer the buffered bytes
     * @param maxFrameBytes the largest acceptable frame
     * @return the frame length in bytes, or {@code -1} if the frame is not complete yet
     * @throws io.tunnelagent.protocol.ProtocolException if the segment table is invalid or the frame is larger than
     *     {@code maxFrameBytes}
     */
    public static long frameLength(ByteBuffer buffer, int maxFrameBytes) {
        ReaderOptions options = ReaderOptions.DEFAULT;
        return Framing.frameLength(
                buffer,
                new ReaderOptions(options.traversalLimitWords(), options.nestingLimit(), MAX_SEGMENTS, maxFrameBytes));
    }

    /**
     * Splits one complete frame into its segments.
     *
     * @param frame exactly one frame
     * @return the segments as little-endian buffers
     * @throws RpcException if the frame is truncated or has trailing bytes
     */
    public static ByteBuffer[] segments(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long length = frameLength(in, Integer.MAX_VALUE - 8);
        if (length < 0 || length > in.remaining()) {
            throw RpcException.malformed("frame of " + in.remaining() + " bytes is truncated");
        }
        if (length != in.remaining()) {
            throw RpcException.malformed("frame has " + (in.remaining() - length) + " trailing bytes");
        }
        int start = in.position();
        int count = in.getInt(start) + 1;
        ByteBuffer[] segments = new ByteBuffer[count];
        int offset = start + headerBytes(count);
        for (int i = 0; i < count; i++) {
            int bytes = in.getInt(start + 4 + 4 * i) * 8;
            segments[i] = in.slice(offset, bytes).order(ByteOrder.LITTLE_ENDIAN);
            offset += bytes;
        }
        return segments;
    }

    /**
     * Frames one segment.
     *
     * @param segment the segment bytes, a multiple of 8 long
     * @param length the number of bytes of {@code segment} to use
     * @return the framed message
     */
    public static ByteBuffer frame(byte[] segment, int length) {
        ByteBuffer out = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(length / 8).put(segment, 0, length).flip();
        return out;
    }

    static int headerBytes(int segmentCount) {
        int bytes = 4 + 4 * segmentCount;
        return (bytes + 7) & ~7;
    }
}
