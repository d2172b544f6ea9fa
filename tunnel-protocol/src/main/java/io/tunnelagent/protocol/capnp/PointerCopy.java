package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;

/**
 * Deep-copies the object a pointer of a {@link MessageReader} designates into a pointer slot of a
 * {@link MessageBuilder}. Every object is read through the reader's own {@code readStruct}/{@code readList}, so far
 * pointers, bounds, the traversal budget and the nesting limit are checked exactly as for ordinary reads.
 */
final class PointerCopy {

    private final MessageReader source;
    private final MessageBuilder target;

    private PointerCopy(MessageReader source, MessageBuilder target) {
        this.source = source;
        this.target = target;
    }

    static void copy(StructReader from, int index, MessageBuilder target, int targetPointerWord) {
        if (index < 0) {
            throw new IllegalArgumentException("Pointer index must not be negative: " + index);
        }
        PointerCopy copy = new PointerCopy(from.message, target);
        if (index >= from.pointerCount) {
            target.putPointer(targetPointerWord, 0);
            return;
        }
        try {
            copy.pointer(from, index, targetPointerWord);
        } catch (IllegalArgumentException ex) {
            throw new CapnpDecodeException("Copying pointer " + index + " of the struct at word " + from.pointerWord
                    + " of segment " + from.segment + " fails: " + ex.getMessage());
        }
    }

    /** Copies pointer {@code index} of {@code from} to the pointer word {@code to} of the target. */
    private void pointer(StructReader from, int index, int to) {
        switch (from.pointerKind(index)) {
            case NULL:
                target.putPointer(to, 0);
                break;
            case CAPABILITY:
                source.charge(1, "capability pointer", from.segment, (long) from.pointerWord + index);
                target.setCapability(to, capability(from, index));
                break;
            case STRUCT:
                struct(from.getStruct(index), to);
                break;
            default:
                list(from.getList(index), to);
                break;
        }
    }

    /** The capability index, also behind a far pointer (whose landing pad holds the capability pointer). */
    private int capability(StructReader from, int index) {
        long pointerWord = (long) from.pointerWord + index;
        long pointer = source.word(from.segment, pointerWord);
        long tag = source.follow(from.segment, (int) pointerWord, pointer).tag;
        long capability = WirePointer.capabilityIndex(tag);
        if (capability > Integer.MAX_VALUE) {
            throw new CapnpDecodeException("Capability index " + capability + " at word " + pointerWord + " of segment "
                    + from.segment + " is out of range");
        }
        return (int) capability;
    }

    private void struct(StructReader from, int to) {
        int dataWords = from.dataBits / 64;
        int start = target.structAt(to, dataWords, from.pointerCount);
        body(from, start * 8, dataWords, start + dataWords);
    }

    /** Copies a struct's data words verbatim and its pointers one by one, depth first. */
    private void body(StructReader from, int dataByte, int dataWords, int pointerWord) {
        copyWords(from.segment, from.dataByte, dataByte, dataWords);
        for (int i = 0; i < from.pointerCount; i++) {
            pointer(from, i, pointerWord + i);
        }
    }

    private void list(ListReader from, int to) {
        if (from.elementSize == ElementSize.INLINE_COMPOSITE) {
            int dataWords = from.dataBits / 64;
            ListBuilder copy = target.initStructList(to, from.size, dataWords, from.pointers);
            for (int i = 0; i < from.size; i++) {
                StructBuilder element = copy.getStruct(i);
                body(from.getStruct(i), element.dataByte(), dataWords, element.pointerWord());
            }
            return;
        }
        int words = (int) (((long) from.size * from.stepBits + 63) / 64);
        int start = target.allocate(words);
        target.putPointer(to, WirePointer.list(start - to - 1, from.elementSize.code(), from.size));
        if (from.elementSize != ElementSize.POINTER) {
            copyWords(from.segment, from.startByte, start * 8, words);
            return;
        }
        StructReader elements =
                new StructReader(source, from.segment, from.startByte, 0, from.startByte / 8, from.size, from.nesting);
        for (int i = 0; i < from.size; i++) {
            pointer(elements, i, start + i);
        }
    }

    private void copyWords(int segment, int fromByte, int toByte, int words) {
        ByteBuffer in = source.segment(segment);
        ByteBuffer out = target.buffer();
        for (int i = 0; i < words; i++) {
            out.putLong(toByte + i * 8, in.getLong(fromByte + i * 8));
        }
    }
}
