package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a single-segment Cap'n Proto message. Objects are laid out in allocation order: each {@code init…} or
 * {@code set…} call that creates an object appends it to the segment. Initialising fields in schema order, depth
 * first, therefore reproduces the layout of {@code capnp encode}. Setting the same pointer twice leaves the first
 * object behind as unreachable zeroed words. Not thread-safe.
 */
public final class MessageBuilder {

    /** Largest message this builder produces: cloudflared's 64 MiB limit, in words. */
    static final int MAX_WORDS = ReaderOptions.DEFAULT_MAX_FRAME_BYTES / 8 - 1;

    private ByteBuffer buffer;
    private int words;
    private boolean rootSet;

    /** Creates an empty message with room for 64 words before it grows. */
    public MessageBuilder() {
        this(64);
    }

    /**
     * Creates an empty message.
     *
     * @param initialWords how many words to reserve before growing
     */
    public MessageBuilder(int initialWords) {
        this.buffer = ByteBuffer.allocate(Math.max(1, initialWords) * 8).order(ByteOrder.LITTLE_ENDIAN);
        this.words = 1;
    }

    /**
     * Allocates the root struct and points the root pointer at it.
     *
     * @param dataWords the data section size in words
     * @param pointerCount the pointer section size
     * @return the root's builder
     * @throws IllegalStateException if the root was already set
     */
    public StructBuilder initRoot(int dataWords, int pointerCount) {
        if (rootSet) {
            throw new IllegalStateException("The root struct is already initialised");
        }
        rootSet = true;
        return initStruct(0, dataWords, pointerCount);
    }

    /**
     * Returns the size of the framed message.
     *
     * @return the frame length in bytes: 8 header bytes plus the segment
     */
    public int frameSize() {
        return 8 + words * 8;
    }

    /**
     * Returns the message in standard stream framing (one segment).
     *
     * @return a new array of {@link #frameSize()} bytes
     */
    public byte[] toFramedBytes() {
        ByteBuffer out = ByteBuffer.allocate(frameSize());
        writeFramedTo(out);
        return out.array();
    }

    /**
     * Writes the framed message at the buffer's position and advances it.
     *
     * @param out the destination, with at least {@link #frameSize()} bytes remaining
     */
    public void writeFramedTo(ByteBuffer out) {
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(words).order(order);
        out.put(buffer.array(), 0, words * 8);
    }

    int allocate(long count) {
        if (count < 0 || words + count > MAX_WORDS) {
            throw new IllegalArgumentException(
                    "Message would exceed " + ReaderOptions.DEFAULT_MAX_FRAME_BYTES + " bytes");
        }
        int start = words;
        int needed = (int) ((words + count) * 8);
        if (needed > buffer.capacity()) {
            int capacity = (int) Math.min(Math.max((long) buffer.capacity() * 2, needed), (long) MAX_WORDS * 8);
            buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), capacity)).order(ByteOrder.LITTLE_ENDIAN);
        }
        words += (int) count;
        return start;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    void putPointer(int pointerWord, long pointer) {
        buffer.putLong(pointerWord * 8, pointer);
    }

    StructBuilder initStruct(int pointerWord, int dataWords, int pointerCount) {
        checkStructSize(dataWords, pointerCount);
        int start = allocate((long) dataWords + pointerCount);
        putPointer(pointerWord, WirePointer.struct(start - pointerWord - 1, dataWords, pointerCount));
        return new StructBuilder(this, start * 8, dataWords * 64, start + dataWords, pointerCount);
    }

    ListBuilder initList(int pointerWord, ElementSize size, int count) {
        if (size == ElementSize.INLINE_COMPOSITE) {
            throw new IllegalArgumentException("Use initStructList for lists of structs");
        }
        checkCount(count);
        int bits = size.bitsPerElement();
        int start = allocate(((long) count * bits + 63) / 64);
        putPointer(pointerWord, WirePointer.list(start - pointerWord - 1, size.code(), count));
        int dataBits = size == ElementSize.POINTER ? 0 : bits;
        int pointers = size == ElementSize.POINTER ? 1 : 0;
        return new ListBuilder(this, start * 8, count, bits, dataBits, pointers, false);
    }

    ListBuilder initStructList(int pointerWord, int count, int dataWords, int pointerCount) {
        checkStructSize(dataWords, pointerCount);
        checkCount(count);
        long elementWords = (long) dataWords + pointerCount;
        long total = elementWords * count;
        if (total >= 1 << 29) {
            throw new IllegalArgumentException("A struct list of " + total + " words is too large");
        }
        int tag = allocate(total + 1);
        putPointer(
                pointerWord, WirePointer.list(tag - pointerWord - 1, ElementSize.INLINE_COMPOSITE.code(), (int) total));
        buffer.putLong(tag * 8, WirePointer.compositeTag(count, dataWords, pointerCount));
        return new ListBuilder(this, (tag + 1) * 8, count, (int) elementWords * 64, dataWords * 64, pointerCount, true);
    }

    void setBytes(int pointerWord, byte[] bytes, boolean nulTerminated) {
        int count = bytes.length + (nulTerminated ? 1 : 0);
        checkCount(count);
        int start = allocate((count + 7L) / 8);
        putPointer(pointerWord, WirePointer.list(start - pointerWord - 1, ElementSize.BYTE.code(), count));
        buffer.put(start * 8, bytes);
    }

    void setText(int pointerWord, String text) {
        setBytes(pointerWord, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void setCapability(int pointerWord, int capabilityIndex) {
        if (capabilityIndex < 0) {
            throw new IllegalArgumentException("Capability index must not be negative: " + capabilityIndex);
        }
        putPointer(pointerWord, WirePointer.capability(capabilityIndex));
    }

    private static void checkStructSize(int dataWords, int pointerCount) {
        if (dataWords < 0 || dataWords > 0xFFFF || pointerCount < 0 || pointerCount > 0xFFFF) {
            throw new IllegalArgumentException(
                    "Struct size " + dataWords + " data words / " + pointerCount + " pointers is out of range");
        }
    }

    private static void checkCount(int count) {
        if (count < 0 || count >= 1 << 29) {
            throw new IllegalArgumentException("List size " + count + " is out of range 0 to 2^29 - 1");
        }
    }
}
