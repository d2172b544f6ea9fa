package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A decoded Cap'n Proto message: its segments and the traversal budget every read is charged against. Obtain the
 * root with {@link #root()}. A reader views the bytes it was given (no copy): do not modify them while reading.
 * Not thread-safe (the budget is mutable).
 *
 * <p>The budget is the smaller of {@link ReaderOptions#traversalLimitWords()} and {@value #AMPLIFICATION} times the
 * message's size in words plus {@value #BUDGET_SLACK_WORDS}: reading every object once costs about the message's
 * size, so this allows several complete passes while bounding the work (and the objects a decoder creates) that a
 * small hostile message can cause, e.g. a list of millions of zero-sized elements encoded in two words.
 */
public final class MessageReader {

    /** How many times its own size in words reading a message may cost. */
    static final int AMPLIFICATION = 8;

    /** Budget granted on top of the proportional part, for small messages. */
    static final int BUDGET_SLACK_WORDS = 1024;

    private final ByteBuffer[] segments;
    private final ReaderOptions options;
    private final long traversalLimit;
    private long traversalRemaining;

    private MessageReader(ByteBuffer[] segments, ReaderOptions options, int frameLength) {
        this.segments = segments;
        this.options = options;
        this.traversalLimit =
                Math.min(options.traversalLimitWords(), (long) AMPLIFICATION * (frameLength / 8) + BUDGET_SLACK_WORDS);
        this.traversalRemaining = traversalLimit;
    }

    /**
     * Decodes a byte array that holds exactly one frame.
     *
     * @param frame the framed message
     * @return the reader
     * @throws CapnpDecodeException if the frame is truncated, followed by extra bytes or exceeds a limit
     */
    public static MessageReader decode(byte[] frame) {
        return decode(frame, ReaderOptions.DEFAULT);
    }

    /**
     * Decodes a byte array that holds exactly one frame.
     *
     * @param frame the framed message
     * @param options the limits
     * @return the reader
     * @throws CapnpDecodeException if the frame is truncated, followed by extra bytes or exceeds a limit
     */
    public static MessageReader decode(byte[] frame, ReaderOptions options) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        MessageReader reader = read(buffer, options);
        if (buffer.hasRemaining()) {
            throw new CapnpDecodeException(buffer.remaining() + " bytes follow the " + buffer.position()
                    + "-byte frame; expected exactly one" + " frame");
        }
        return reader;
    }

    /**
     * Decodes the frame at the buffer's position and advances the position past it; bytes after the frame (a stream
     * body, the next frame) are left in the buffer.
     *
     * @param buffer the bytes
     * @param options the limits
     * @return the reader
     * @throws CapnpDecodeException if the frame is truncated or exceeds a limit
     */
    public static MessageReader read(ByteBuffer buffer, ReaderOptions options) {
        int length = Framing.frameLength(buffer, options);
        if (length == Framing.INCOMPLETE) {
            throw new CapnpDecodeException("Truncated frame: " + buffer.remaining() + " bytes are not a complete"
                    + " Cap'n Proto frame (segment table or segments missing)");
        }
        ByteBuffer frame = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        frame.limit(length);
        int segmentCount = frame.getInt(0) + 1;
        ByteBuffer[] segments = new ByteBuffer[segmentCount];
        int offset = Framing.headerBytes(segmentCount);
        for (int i = 0; i < segmentCount; i++) {
            int bytes = frame.getInt(4 + 4 * i) * 8;
            ByteBuffer segment = frame.duplicate();
            segment.position(offset).limit(offset + bytes);
            segments[i] = segment.slice().order(ByteOrder.LITTLE_ENDIAN);
            offset += bytes;
        }
        buffer.position(buffer.position() + length);
        return new MessageReader(segments, options, length);
    }

    /**
     * Decodes the frame at the buffer's position with {@link ReaderOptions#DEFAULT}, advancing the position.
     *
     * @param buffer the bytes
     * @return the reader
     */
    public static MessageReader read(ByteBuffer buffer) {
        return read(buffer, ReaderOptions.DEFAULT);
    }

    /**
     * Returns the root struct (the first word of segment 0 is the root pointer). A null root reads as an empty
     * struct whose fields all have their defaults.
     *
     * @return the root
     * @throws CapnpDecodeException if segment 0 is empty or the root pointer is not a valid struct pointer
     */
    public StructReader root() {
        if (segments[0].limit() < 8) {
            throw new CapnpDecodeException("Segment 0 is empty: a message needs at least the root pointer word");
        }
        return readStruct(0, 0, options.nestingLimit());
    }

    /**
     * Returns the number of segments.
     *
     * @return the segment count
     */
    public int segmentCount() {
        return segments.length;
    }

    /**
     * Returns the words still available in the traversal budget.
     *
     * @return the remaining budget
     */
    public long traversalRemainingWords() {
        return traversalRemaining;
    }

    ByteBuffer segment(int index) {
        return segments[index];
    }

    /** Charges the budget for reading the {@code what} at {@code (segment, word)}; the text is built on failure. */
    void charge(long words, String what, int segment, long word) {
        traversalRemaining -= Math.max(1, words);
        if (traversalRemaining < 0) {
            throw new CapnpDecodeException("Reading the " + what + " at word " + word + " of segment " + segment
                    + " exceeds the traversal limit of " + traversalLimit
                    + " words (the message is too large, amplifies its size, or is read repeatedly)");
        }
    }

    long word(int segment, long wordIndex) {
        return segments[segment].getLong((int) (wordIndex * 8));
    }

    /** Reads the struct the pointer at {@code (segment, pointerWord)} designates. */
    StructReader readStruct(int segment, int pointerWord, int nesting) {
        long pointer = word(segment, pointerWord);
        if (pointer == 0) {
            return StructReader.empty(this, nesting);
        }
        checkNesting(nesting, segment, pointerWord);
        Target target = follow(segment, pointerWord, pointer);
        if (WirePointer.kind(target.tag) != WirePointer.STRUCT) {
            throw new CapnpDecodeException("Pointer at word " + pointerWord + " of segment " + segment + " is "
                    + WirePointer.kindName(target.tag) + ", expected a struct pointer");
        }
        int dataWords = WirePointer.structDataWords(target.tag);
        int pointerCount = WirePointer.structPointerCount(target.tag);
        long words = (long) dataWords + pointerCount;
        checkBounds(target, words, "struct", segment, pointerWord);
        charge(words, "struct", target.segment, target.word);
        return new StructReader(
                this,
                target.segment,
                (int) target.word * 8,
                dataWords * 64,
                (int) target.word + dataWords,
                pointerCount,
                nesting - 1);
    }

    /** Reads the list the pointer at {@code (segment, pointerWord)} designates; null reads as an empty list. */
    ListReader readList(int segment, int pointerWord, int nesting) {
        long pointer = word(segment, pointerWord);
        if (pointer == 0) {
            return ListReader.empty(this, nesting);
        }
        checkNesting(nesting, segment, pointerWord);
        Target target = follow(segment, pointerWord, pointer);
        if (WirePointer.kind(target.tag) != WirePointer.LIST) {
            throw new CapnpDecodeException("Pointer at word " + pointerWord + " of segment " + segment + " is "
                    + WirePointer.kindName(target.tag) + ", expected a list pointer");
        }
        ElementSize size = ElementSize.fromCode(WirePointer.listElementSizeCode(target.tag));
        int count = WirePointer.listCount(target.tag);
        if (size == ElementSize.INLINE_COMPOSITE) {
            return readCompositeList(target, count, nesting, segment, pointerWord);
        }
        int bits = size == ElementSize.VOID ? 0 : size.bitsPerElement();
        long words = ((long) count * bits + 63) / 64;
        checkBounds(target, words, "list", segment, pointerWord);
        charge(size == ElementSize.VOID ? count : words, "list", target.segment, target.word);
        int dataBits = size == ElementSize.POINTER ? 0 : bits;
        int pointers = size == ElementSize.POINTER ? 1 : 0;
        return new ListReader(
                this, target.segment, (int) target.word * 8, count, bits, dataBits, pointers, size, nesting - 1);
    }

    private ListReader readCompositeList(Target target, int wordCount, int nesting, int segment, int pointerWord) {
        checkBounds(target, (long) wordCount + 1, "composite list", segment, pointerWord);
        long tag = word(target.segment, target.word);
        if (WirePointer.kind(tag) != WirePointer.STRUCT) {
            throw new CapnpDecodeException("The tag word of the composite list at word " + target.word + " of segment "
                    + target.segment + " is " + WirePointer.kindName(tag)
                    + ", expected a struct tag");
        }
        int count = WirePointer.compositeTagCount(tag);
        int dataWords = WirePointer.structDataWords(tag);
        int pointerCount = WirePointer.structPointerCount(tag);
        long wordsPerElement = (long) dataWords + pointerCount;
        if (wordsPerElement * count > wordCount) {
            throw new CapnpDecodeException("The composite list at word " + target.word + " of segment "
                    + target.segment + " declares " + count + " elements of "
                    + wordsPerElement + " words, more than its " + wordCount + " words");
        }
        charge((long) wordCount + 1, "composite list", target.segment, target.word);
        if (wordsPerElement == 0) {
            charge(count, "zero-size elements of the composite list", target.segment, target.word);
        }
        return new ListReader(
                this,
                target.segment,
                (int) (target.word + 1) * 8,
                count,
                (int) wordsPerElement * 64,
                dataWords * 64,
                pointerCount,
                ElementSize.INLINE_COMPOSITE,
                nesting - 1);
    }

    private void checkNesting(int nesting, int segment, int pointerWord) {
        if (nesting <= 0) {
            throw new CapnpDecodeException("Pointer at word " + pointerWord + " of segment " + segment
                    + " exceeds the nesting limit of " + options.nestingLimit());
        }
    }

    private void checkBounds(Target target, long words, String what, int segment, int pointerWord) {
        long segmentWords = segments[target.segment].limit() / 8;
        if (target.word < 0 || target.word + words > segmentWords) {
            throw new CapnpDecodeException(
                    capitalize(what) + " pointer at word " + pointerWord + " of segment " + segment
                            + " points outside segment " + target.segment + " (words " + target.word + " to "
                            + (target.word + words) + ", segment has " + segmentWords + " words)");
        }
    }

    /** Resolves far pointers: returns the object's location and the pointer word that describes it. */
    Target follow(int segment, int pointerWord, long pointer) {
        if (WirePointer.kind(pointer) != WirePointer.FAR) {
            return new Target(segment, (long) pointerWord + 1 + WirePointer.offset(pointer), pointer);
        }
        return followFar(segment, pointerWord, pointer);
    }

    private Target followFar(int segment, int pointerWord, long pointer) {
        charge(1, "far pointer", segment, pointerWord);
        int padSegment = checkSegment(WirePointer.farSegment(pointer), segment, pointerWord);
        long padWord = WirePointer.farPadOffset(pointer);
        long padWords = WirePointer.farIsDouble(pointer) ? 2 : 1;
        if (padWord + padWords > segments[padSegment].limit() / 8) {
            throw new CapnpDecodeException("Far pointer at word " + pointerWord + " of segment " + segment
                    + " has its landing pad at word " + padWord + " outside segment " + padSegment);
        }
        long pad = word(padSegment, padWord);
        if (!WirePointer.farIsDouble(pointer)) {
            if (WirePointer.kind(pad) == WirePointer.FAR) {
                throw new CapnpDecodeException("The landing pad at word " + padWord + " of segment " + padSegment
                        + " is itself a far pointer; a single-far landing pad must be a struct or list pointer");
            }
            return new Target(padSegment, padWord + 1 + WirePointer.offset(pad), pad);
        }
        long tag = word(padSegment, padWord + 1);
        if (WirePointer.kind(pad) != WirePointer.FAR || WirePointer.farIsDouble(pad)) {
            throw new CapnpDecodeException("The double-far landing pad at word " + padWord + " of segment " + padSegment
                    + " does not start with a single far pointer");
        }
        int kind = WirePointer.kind(tag);
        if (kind != WirePointer.STRUCT && kind != WirePointer.LIST) {
            throw new CapnpDecodeException("The double-far landing pad at word " + padWord + " of segment " + padSegment
                    + " has " + WirePointer.kindName(tag) + " as its tag, expected a struct or list tag");
        }
        int contentSegment = checkSegment(WirePointer.farSegment(pad), padSegment, padWord);
        return new Target(contentSegment, WirePointer.farPadOffset(pad), tag);
    }

    private int checkSegment(long id, int segment, long pointerWord) {
        if (id >= segments.length) {
            throw new CapnpDecodeException("Far pointer at word " + pointerWord + " of segment " + segment
                    + " names segment " + id + ", but the message has " + segments.length + " segments");
        }
        return (int) id;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Where an object lives, and the struct/list pointer (or tag) that describes it. */
    static final class Target {
        final int segment;
        final long word;
        final long tag;

        Target(int segment, long word, long tag) {
            this.segment = segment;
            this.word = word;
            this.tag = tag;
        }
    }
}
