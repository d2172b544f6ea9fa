package io.tunnelagent.protocol.rpc.wire;

import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.ByteBuffer;

/**
 * Reads a framed Cap'n Proto message with bounds checks on every pointer, a traversal limit (against amplification by
 * pointers that share their target) and a nesting limit. Each instance is for one thread.
 */
public final class WireReader {

    /** The deepest pointer nesting accepted. */
    public static final int NESTING_LIMIT = 64;

    private static final int[] ELEMENT_BITS = {0, 1, 8, 16, 32, 64, 64, 0};

    private final ByteBuffer[] segments;

    private long traversalLeft;

    private WireReader(ByteBuffer[] segments, long traversalLimit) {
        this.segments = segments;
        this.traversalLeft = traversalLimit;
    }

    /**
     * Opens a complete frame. The traversal limit is eight times the message size.
     *
     * @param frame one framed message
     * @return the reader
     * @throws RpcException if the framing is invalid
     */
    public static WireReader of(ByteBuffer frame) {
        ByteBuffer[] segments = Frames.segments(frame);
        long words = 0;
        for (ByteBuffer segment : segments) {
            words += segment.remaining() / 8;
        }
        return new WireReader(segments, 64 + words * 8);
    }

    /**
     * Returns the root struct.
     *
     * @return the root, an empty struct if the root pointer is null
     * @throws RpcException if the root is not a struct or is out of bounds
     */
    public StructView root() {
        if (this.segments[0].remaining() < 8) {
            throw RpcException.malformed("message has no root pointer");
        }
        return struct(resolve(0, 0), 0);
    }

    /**
     * Returns the location of the root pointer, for copying the whole message elsewhere.
     *
     * @return the root pointer's location
     */
    public PointerLocation rootLocation() {
        if (this.segments[0].remaining() < 8) {
            throw RpcException.malformed("message has no root pointer");
        }
        return new PointerLocation(this, 0, 0, 0);
    }

    /**
     * Reads the struct a pointer refers to.
     *
     * @param location the pointer
     * @return the struct, empty if the pointer is null
     * @throws RpcException if the pointer is not a struct pointer
     */
    public StructView struct(PointerLocation location) {
        return struct(location.resolve(), location.depth());
    }

    StructView struct(Pointer pointer, int depth) {
        if (depth > NESTING_LIMIT) {
            throw RpcException.malformed("nesting deeper than " + NESTING_LIMIT);
        }
        if (pointer.kind() == Pointer.Kind.NULL) {
            return new StructView(this, 0, 0, 0, 0, depth);
        }
        if (pointer.kind() != Pointer.Kind.STRUCT) {
            throw RpcException.malformed("expected a struct pointer, found " + pointer.kind());
        }
        return new StructView(
                this, pointer.segment(), pointer.word(), pointer.dataWords(), pointer.pointerCount(), depth);
    }

    /**
     * Reads one word.
     *
     * @param segment the segment
     * @param word the word index, already bounds checked by the caller
     * @return the word
     */
    long word(int segment, int word) {
        return this.segments[segment].getLong(word * 8);
    }

    java.nio.ByteBuffer segment(int segment) {
        return this.segments[segment];
    }

    /**
     * Resolves the pointer stored at a word, following far pointers and checking bounds and the traversal limit.
     *
     * @param segment the segment of the pointer word
     * @param word the index of the pointer word
     * @return the resolved pointer
     * @throws RpcException if the pointer is invalid
     */
    public Pointer resolve(int segment, int word) {
        checkRange(segment, word, 1);
        long value = word(segment, word);
        if (value == 0) {
            return Pointer.NULL;
        }
        int kind = (int) (value & 3);
        if (kind != 2) {
            return near(segment, word + 1 + (((int) value) >> 2), value);
        }
        int padSegment = checkSegment((int) (value >>> 32));
        int pad = (int) ((value >>> 3) & 0x1FFFFFFF);
        if ((value & 4) == 0) {
            checkRange(padSegment, pad, 1);
            long landing = word(padSegment, pad);
            if ((landing & 3) == 2) {
                throw RpcException.malformed("far pointer lands on another far pointer");
            }
            return near(padSegment, pad + 1 + (((int) landing) >> 2), landing);
        }
        checkRange(padSegment, pad, 2);
        long far = word(padSegment, pad);
        long tag = word(padSegment, pad + 1);
        if ((far & 7) != 2 || (tag & 3) == 2) {
            throw RpcException.malformed("double-far landing pad is invalid");
        }
        int contentSegment = checkSegment((int) (far >>> 32));
        return near(contentSegment, (int) ((far >>> 3) & 0x1FFFFFFF), tag);
    }

    private Pointer near(int segment, int target, long value) {
        int kind = (int) (value & 3);
        if (kind == 0) {
            int data = (int) ((value >>> 32) & 0xFFFF);
            int pointers = (int) ((value >>> 48) & 0xFFFF);
            if (data + pointers > 0) {
                checkRange(segment, target, data + pointers);
            }
            charge(Math.max(1, data + pointers));
            return new Pointer(Pointer.Kind.STRUCT, segment, target, data, pointers, 0, 0);
        }
        if (kind == 1) {
            return list(segment, target, value);
        }
        if ((value & 0xFFFFFFFFL) != 3) {
            throw RpcException.malformed("unknown other-pointer kind");
        }
        charge(1);
        return new Pointer(Pointer.Kind.CAPABILITY, 0, 0, 0, 0, 0, (int) (value >>> 32));
    }

    private Pointer list(int segment, int target, long value) {
        int elementSize = (int) ((value >>> 32) & 7);
        long count = value >>> 35;
        if (elementSize != 7) {
            long words = (count * ELEMENT_BITS[elementSize] + 63) / 64;
            checkRange(segment, target, words);
            charge(Math.max(words, elementSize == 0 ? count / 64 : 0));
            return new Pointer(Pointer.Kind.LIST, segment, target, 0, 0, elementSize, (int) count);
        }
        checkRange(segment, target, 1 + count);
        long tag = word(segment, target);
        if ((tag & 3) != 0) {
            throw RpcException.malformed("composite list tag is not a struct tag");
        }
        long elements = (tag >>> 2) & 0x3FFFFFFF;
        int data = (int) ((tag >>> 32) & 0xFFFF);
        int pointers = (int) ((tag >>> 48) & 0xFFFF);
        if (elements * (data + pointers) > count) {
            throw RpcException.malformed("composite list elements overrun the list");
        }
        charge(Math.max(count, elements));
        return new Pointer(Pointer.Kind.LIST, segment, target + 1, data, pointers, 7, (int) elements);
    }

    private void charge(long words) {
        this.traversalLeft -= words;
        if (this.traversalLeft < 0) {
            throw RpcException.malformed("traversal limit exceeded (pointers share their targets too often)");
        }
    }

    private int checkSegment(int segment) {
        if (segment < 0 || segment >= this.segments.length) {
            throw RpcException.malformed(
                    "pointer to segment " + Integer.toUnsignedString(segment) + " of " + this.segments.length);
        }
        return segment;
    }

    void checkRange(int segment, long word, long words) {
        long size = this.segments[segment].remaining() / 8;
        if (word < 0 || words < 0 || word + words > size) {
            throw RpcException.malformed(
                    "pointer out of bounds (word " + word + ", " + words + " words, segment of " + size + " words)");
        }
    }
}
