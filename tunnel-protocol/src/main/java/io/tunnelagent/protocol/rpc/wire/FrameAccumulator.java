package io.tunnelagent.protocol.rpc.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Collects stream chunks and hands out complete frames, for push transports that deliver bytes in arbitrary pieces.
 * Not thread-safe: feed it from one thread at a time.
 */
public final class FrameAccumulator {

    private final int maxFrameBytes;

    private byte[] buffer = new byte[256];

    private int start;

    private int end;

    /**
     * Creates an accumulator.
     *
     * @param maxFrameBytes the largest acceptable frame; a bigger one fails {@link #poll()}
     */
    public FrameAccumulator(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Appends a chunk, consuming it.
     *
     * @param chunk the bytes received
     */
    public void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        ensureSpace(length);
        chunk.get(this.buffer, this.end, length);
        this.end += length;
    }

    /**
     * Removes the next complete frame.
     *
     * @return the frame, or {@code null} if not all of its bytes have arrived
     * @throws io.tunnelagent.protocol.ProtocolException if the frame header is invalid or over the size limit
     */
    public @Nullable ByteBuffer poll() {
        ByteBuffer view = ByteBuffer.wrap(this.buffer, this.start, this.end - this.start);
        long length = Frames.frameLength(view, this.maxFrameBytes);
        if (length < 0) {
            return null;
        }
        byte[] frame = Arrays.copyOfRange(this.buffer, this.start, this.start + (int) length);
        this.start += (int) length;
        if (this.start == this.end) {
            this.start = 0;
            this.end = 0;
        }
        return ByteBuffer.wrap(frame);
    }

    /**
     * Returns how many bytes are buffered that do not form a complete frame yet.
     *
     * @return the byte count
     */
    public int buffered() {
        return this.end - this.start;
    }

    private void ensureSpace(int length) {
        if (this.buffer.length - this.end >= length) {
            return;
        }
        int used = this.end - this.start;
        if (this.buffer.length - used >= length && this.start > 0) {
            System.arraycopy(this.buffer, this.start, this.buffer, 0, used);
        } else {
            int size = Math.max(this.buffer.length * 2, used + length);
            byte[] grown = new byte[size];
            System.arraycopy(this.buffer, this.start, grown, 0, used);
            this.buffer = grown;
        }
        this.start = 0;
        this.end = used;
    }
}
