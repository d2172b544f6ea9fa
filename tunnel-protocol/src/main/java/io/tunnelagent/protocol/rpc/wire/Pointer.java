package io.tunnelagent.protocol.rpc.wire;

/**
 * A resolved pointer (far pointers followed, bounds checked): what it points at and where.
 *
 * @param kind what the pointer refers to
 * @param segment the segment holding the content
 * @param word the first content word (after the tag word for composite lists)
 * @param dataWords the struct's (or composite element's) data words
 * @param pointerCount the struct's (or composite element's) pointer count
 * @param elementSize the list element size code (0 void … 5 eight bytes, 6 pointer, 7 composite)
 * @param count the list's element count, or the capability index
 */
public record Pointer(Kind kind, int segment, int word, int dataWords, int pointerCount, int elementSize, int count) {

    /** The pointer kinds the RPC layer distinguishes. */
    public enum Kind {
        /** A null pointer. */
        NULL,
        /** A struct pointer. */
        STRUCT,
        /** A list pointer. */
        LIST,
        /** A capability (interface) pointer. */
        CAPABILITY
    }

    static final Pointer NULL = new Pointer(Kind.NULL, 0, 0, 0, 0, 0, 0);

    /**
     * Returns the size in words of each element of a composite list or of a struct.
     *
     * @return data words plus pointer count
     */
    public int structWords() {
        return this.dataWords + this.pointerCount;
    }
}
