package io.tunnelagent.protocol.capnp;

/**
 * Bit layout of a 64-bit Cap'n Proto pointer word (little-endian on the wire, read as a long). Kinds: 0 struct,
 * 1 list, 2 far, 3 other (capability when bits 2–31 are zero).
 */
final class WirePointer {

    static final int STRUCT = 0;
    static final int LIST = 1;
    static final int FAR = 2;
    static final int OTHER = 3;

    private WirePointer() {}

    static int kind(long pointer) {
        return (int) (pointer & 3);
    }

    /** Signed 30-bit offset in words from the end of the pointer (struct and list pointers). */
    static int offset(long pointer) {
        return ((int) pointer) >> 2;
    }

    static int structDataWords(long pointer) {
        return (int) ((pointer >>> 32) & 0xFFFF);
    }

    static int structPointerCount(long pointer) {
        return (int) ((pointer >>> 48) & 0xFFFF);
    }

    static int listElementSizeCode(long pointer) {
        return (int) ((pointer >>> 32) & 7);
    }

    /** Element count, or the word count for inline-composite lists: 29 bits, never negative. */
    static int listCount(long pointer) {
        return (int) (pointer >>> 35);
    }

    /** Element count stored in the tag word of an inline-composite list: 30 bits, never negative. */
    static int compositeTagCount(long tag) {
        return (int) ((tag & 0xFFFFFFFFL) >>> 2);
    }

    static boolean farIsDouble(long pointer) {
        return ((pointer >>> 2) & 1) != 0;
    }

    /** Landing pad position in words: 29 bits, never negative. */
    static int farPadOffset(long pointer) {
        return (int) ((pointer & 0xFFFFFFFFL) >>> 3);
    }

    static long farSegment(long pointer) {
        return pointer >>> 32;
    }

    static boolean isCapability(long pointer) {
        return kind(pointer) == OTHER && (pointer & 0xFFFFFFFCL) == 0;
    }

    static long capabilityIndex(long pointer) {
        return pointer >>> 32;
    }

    static long struct(int offset, int dataWords, int pointerCount) {
        return ((((long) offset) << 2) & 0xFFFFFFFFL) | ((long) dataWords << 32) | ((long) pointerCount << 48);
    }

    static long list(int offset, int sizeCode, int count) {
        return ((((long) offset) << 2) & 0xFFFFFFFFL) | LIST | ((long) sizeCode << 32) | ((long) count << 35);
    }

    static long compositeTag(int elementCount, int dataWords, int pointerCount) {
        return (((long) elementCount << 2) & 0xFFFFFFFFL) | ((long) dataWords << 32) | ((long) pointerCount << 48);
    }

    static long capability(int index) {
        return OTHER | ((index & 0xFFFFFFFFL) << 32);
    }

    static String kindName(long pointer) {
        switch (kind(pointer)) {
            case STRUCT:
                return pointer == 0 ? "a null pointer" : "a struct pointer";
            case LIST:
                return "a list pointer";
            case FAR:
                return "a far pointer";
            default:
                return isCapability(pointer) ? "a capability pointer" : "an unknown 'other' pointer";
        }
    }
}
