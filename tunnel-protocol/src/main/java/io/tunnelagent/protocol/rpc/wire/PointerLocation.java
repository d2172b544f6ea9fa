package io.tunnelagent.protocol.rpc.wire;

/**
 * Where a pointer word sits in a message being read, so that {@link WireBuilder#copy} can deep-copy its target.
 *
 * @param reader the message
 * @param segment the segment of the pointer word
 * @param word the index of the pointer word, or {@code -1} for a field beyond the struct (reads as null)
 * @param depth the nesting depth of the pointer's target
 */
public record PointerLocation(WireReader reader, int segment, int word, int depth) {

    static PointerLocation absent(WireReader reader) {
        return new PointerLocation(reader, 0, -1, 0);
    }

    /**
     * Resolves the pointer.
     *
     * @return the target
     */
    public Pointer resolve() {
        return this.word < 0 ? Pointer.NULL : this.reader.resolve(this.segment, this.word);
    }
}
