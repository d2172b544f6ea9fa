package io.tunnelagent.protocol.rpc.wire;

import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a single-segment Cap'n Proto message, allocating objects in the order they are initialised (the layout Go's
 * and C++'s encoders produce when a message is built depth first). Zero-sized structs are encoded as offset
 * {@code -1}, as those encoders do.
 */
public final class WireBuilder {

    private byte[] buffer = new byte[128];

    private int words;

    /** Creates a builder whose word 0 is the root pointer. */
    public WireBuilder() {
        allocate(1);
    }

    /**
     * Initialises the root struct.
     *
     * @param dataWords the data section size
     * @param pointerCount the pointer section size
     * @return the struct
     */
    public StructWriter initRoot(int dataWords, int pointerCount) {
        return initStruct(0, dataWords, pointerCount);
    }

    /**
     * Frames the message built so far.
     *
     * @return the framed bytes
     */
    public ByteBuffer toFrame() {
        return Frames.frame(this.buffer, this.words * 8);
    }

    /**
     * Deep-copies the target of a pointer into a new single-segment message, as its root.
     *
     * @param from the source pointer
     * @return the new framed message
     * @throws RpcException if the source is malformed or nests too deeply
     */
    public static ByteBuffer extract(PointerLocation from) {
        WireBuilder builder = new WireBuilder();
        builder.copy(from, 0);
        return builder.toFrame();
    }

    StructWriter initStruct(int pointerWord, int dataWords, int pointerCount) {
        int size = dataWords + pointerCount;
        int target = (size == 0) ? pointerWord : allocate(size);
        putWord(pointerWord, structPointer(pointerWord, target, dataWords, pointerCount));
        return new StructWriter(this, target, dataWords, pointerCount);
    }

    int initCompositeList(int pointerWord, int count, int dataWords, int pointerCount) {
        int wordCount = count * (dataWords + pointerCount);
        int tag = allocate(1 + wordCount);
        putWord(pointerWord, listPointer(pointerWord, tag, 7, wordCount));
        putWord(tag, ((long) count << 2) | ((long) dataWords << 32) | ((long) pointerCount << 48));
        return tag + 1;
    }

    void setBytes(int pointerWord, byte[] bytes, boolean text) {
        int length = bytes.length + (text ? 1 : 0);
        int target = allocate((length + 7) / 8);
        System.arraycopy(bytes, 0, this.buffer, target * 8, bytes.length);
        putWord(pointerWord, listPointer(pointerWord, target, 2, length));
    }

    void setText(int pointerWord, String text) {
        setBytes(pointerWord, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void setCapability(int pointerWord, int index) {
        putWord(pointerWord, 3L | ((long) index << 32));
    }

    /**
     * Deep-copies the target of a pointer in another message to a pointer word of this one.
     *
     * @param from the source pointer
     * @param pointerWord the destination pointer word
     * @throws RpcException if the source is malformed or nests too deeply
     */
    void copy(PointerLocation from, int pointerWord) {
        if (from.depth() > WireReader.NESTING_LIMIT) {
            throw RpcException.malformed("nesting deeper than " + WireReader.NESTING_LIMIT);
        }
        Pointer source = from.resolve();
        WireReader reader = from.reader();
        switch (source.kind()) {
            case NULL -> putWord(pointerWord, 0);
            case CAPABILITY -> setCapability(pointerWord, source.count());
            case STRUCT -> {
                StructWriter copy = initStruct(pointerWord, source.dataWords(), source.pointerCount());
                copyElement(reader, source, source.word(), copy.start(), from.depth());
            }
            case LIST -> copyList(reader, source, pointerWord, from.depth());
        }
    }

    private void copyList(WireReader reader, Pointer source, int pointerWord, int depth) {
        if (source.elementSize() == 7) {
            int first = initCompositeList(pointerWord, source.count(), source.dataWords(), source.pointerCount());
            for (int i = 0; i < source.count(); i++) {
                int offset = i * source.structWords();
                copyElement(reader, source, source.word() + offset, first + offset, depth);
            }
            return;
        }
        if (source.elementSize() == 6) {
            int target = allocate(source.count());
            putWord(pointerWord, listPointer(pointerWord, target, 6, source.count()));
            for (int i = 0; i < source.count(); i++) {
                copy(new PointerLocation(reader, source.segment(), source.word() + i, depth + 1), target + i);
            }
            return;
        }
        int bits = new int[] {0, 1, 8, 16, 32, 64}[source.elementSize()];
        int wordCount = (int) (((long) source.count() * bits + 63) / 64);
        int target = allocate(wordCount);
        for (int i = 0; i < wordCount; i++) {
            putWord(target + i, reader.word(source.segment(), source.word() + i));
        }
        putWord(pointerWord, listPointer(pointerWord, target, source.elementSize(), source.count()));
    }

    private void copyElement(WireReader reader, Pointer source, int sourceWord, int targetWord, int depth) {
        for (int i = 0; i < source.dataWords(); i++) {
            putWord(targetWord + i, reader.word(source.segment(), sourceWord + i));
        }
        for (int i = 0; i < source.pointerCount(); i++) {
            int from = sourceWord + source.dataWords() + i;
            copy(new PointerLocation(reader, source.segment(), from, depth + 1), targetWord + source.dataWords() + i);
        }
    }

    int allocate(int count) {
        int start = this.words;
        long needed = ((long) start + count) * 8;
        if (needed > Integer.MAX_VALUE - 16) {
            throw RpcException.malformed("message too large to build");
        }
        if (needed > this.buffer.length) {
            this.buffer = Arrays.copyOf(this.buffer, (int) Math.max(needed, this.buffer.length * 2L));
        }
        this.words += count;
        return start;
    }

    void putWord(int word, long value) {
        int base = word * 8;
        for (int i = 0; i < 8; i++) {
            this.buffer[base + i] = (byte) (value >>> (8 * i));
        }
    }

    void putBytes(int byteIndex, long value, int size) {
        for (int i = 0; i < size; i++) {
            this.buffer[byteIndex + i] = (byte) (value >>> (8 * i));
        }
    }

    void orBit(int byteIndex, int bit, boolean value) {
        if (value) {
            this.buffer[byteIndex] |= (byte) (1 << bit);
        } else {
            this.buffer[byteIndex] &= (byte) ~(1 << bit);
        }
    }

    private static long structPointer(int pointerWord, int target, int dataWords, int pointerCount) {
        long offset = target - pointerWord - 1;
        return ((offset << 2) & 0xFFFFFFFFL) | ((long) dataWords << 32) | ((long) pointerCount << 48);
    }

    private static long listPointer(int pointerWord, int target, int elementSize, int count) {
        long offset = target - pointerWord - 1;
        return (((offset << 2) | 1) & 0xFFFFFFFFL) | ((long) elementSize << 32) | ((long) count << 35);
    }
}
