package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Collects the chunks of a byte stream and hands out complete frames, for push transports (Netty, QUIC streams) that
 * deliver bytes in arbitrary pieces. Each frame's segment table is checked with {@link Framing#frameLength} as soon as
 * it has arrived, so an oversized frame is refused before its bytes are buffered. Not thread-safe: feed it from one
 * thread at a time.
 */
public final class FrameAccumulator {

    private final ReaderOptions options;

    private byte[] buffer = new byte[256];

    private int start;

    private int end;

    /**
     * Creates an accumulator.
     *
     * @param options the limits each frame's segment table is checked against (segment count, frame size)
     */
    public FrameAccumulator(ReaderOptions options) {
        this.options = options;
    }

    /**
     * Appends a chunk, consuming it.
     *
     * @param chunk the bytes received
     */
    public void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        ensureSpace(length);
        chunk.get(buffer, end, length);
        end += length;
    }

    /**
     * Removes the next complete frame.
     *
     * @return a buffer holding exactly the frame, or {@code null} if not all of its bytes have arrived
     * @throws CapnpDecodeException if the frame's segment table exceeds a limit
     */
    public @Nullable ByteBuffer poll() {
        int length = Framing.frameLength(ByteBuffer.wrap(buffer, start, end - start), options);
        if (length == Framing.INCOMPLETE) {
            return null;
        }
        byte[] frame = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return ByteBuffer.wrap(frame);
    }

    /**
     * Returns how many bytes are buffered that do not form a complete frame yet.
     *
     * @return the byte count
     */
    public int buffered() {
        return end - start;
    }

    private void ensureSpace(int length) {
        if (buffer.length - end >= length) {
            return;
        }
        int used = end - start;
        if (buffer.length - used >= length && start > 0) {
            System.arraycopy(buffer, start, buffer, 0, used);
        } else {
            int size = (int) Math.min(Math.max(buffer.length * 2L, (long) used + length), Integer.MAX_VALUE - 8);
            byte[] grown = new byte[size];
            System.arraycopy(buffer, start, grown, 0, used);
            buffer = grown;
        }
        start = 0;
        end = used;
    }
}
