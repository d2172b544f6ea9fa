package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Standard (unpacked) Cap'n Proto stream framing: {@code u32} segment count − 1, one {@code u32} size in words per
 * segment, padding to a word boundary, then the segments; all little-endian. A byte stream carries frames back to
 * back (the Go side reads exactly one frame, so body bytes may follow it). Use {@link #frameLength} to find out
 * whether the bytes received so far hold a complete frame. Protocol doc sections 3.3 and 4.5.
 */
public final class Framing {

    /** Returned by {@link #frameLength} while the frame is not complete yet. */
    public static final int INCOMPLETE = -1;

    private Framing() {}

    /**
     * Reports whether {@code received} (from its position to its limit) starts with a complete frame. The buffer is
     * not modified. The segment table is validated as soon as it is present, so an oversized frame is rejected
     * before its bytes arrive.
     *
     * @param received the bytes received so far
     * @param options the limits to enforce
     * @return the total frame length in bytes, or {@link #INCOMPLETE} if more bytes are needed
     * @throws CapnpDecodeException if the segment table exceeds a limit
     */
    public static int frameLength(ByteBuffer received, ReaderOptions options) {
        ByteBuffer in = received.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int available = in.remaining();
        if (available < 4) {
            return INCOMPLETE;
        }
        int base = in.position();
        long segmentCount = (in.getInt(base) & 0xFFFFFFFFL) + 1;
        if (segmentCount > options.maxSegments()) {
            throw new CapnpDecodeException(
                    "Frame declares " + segmentCount + " segments, more than the limit of " + options.maxSegments());
        }
        long headerBytes = headerBytes((int) segmentCount);
        if (available < 4 + 4 * segmentCount) {
            return INCOMPLETE;
        }
        long total = headerBytes;
        for (int i = 0; i < segmentCount; i++) {
            long words = in.getInt(base + 4 + 4 * i) & 0xFFFFFFFFL;
            total += words * 8;
            if (total > options.maxFrameBytes()) {
                throw new CapnpDecodeException("Segment " + i + " size " + words + " words makes the frame larger than"
                        + " the frame limit of " + options.maxFrameBytes() + " bytes");
            }
        }
        return available >= total ? (int) total : INCOMPLETE;
    }

    /**
     * Like {@link #frameLength(ByteBuffer, ReaderOptions)} with {@link ReaderOptions#DEFAULT}.
     *
     * @param received the bytes received so far
     * @return the total frame length in bytes, or {@link #INCOMPLETE}
     */
    public static int frameLength(ByteBuffer received) {
        return frameLength(received, ReaderOptions.DEFAULT);
    }

    static int headerBytes(int segmentCount) {
        int bytes = 4 + 4 * segmentCount;
        return (bytes + 7) & ~7;
    }
}
