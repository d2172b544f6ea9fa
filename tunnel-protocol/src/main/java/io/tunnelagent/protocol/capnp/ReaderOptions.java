package io.tunnelagent.protocol.capnp;

/**
 * Limits applied while decoding untrusted messages. Every object a reader dereferences is charged against
 * {@code traversalLimitWords}, so pointer cycles through far pointers and amplification (many pointers to one
 * object) end with a {@link CapnpDecodeException} instead of unbounded work.
 *
 * @param traversalLimitWords the number of words a message may cost to read in total
 * @param nestingLimit how deep structs and lists may nest below the root
 * @param maxSegments the largest segment count a frame may declare
 * @param maxFrameBytes the largest frame (segment table plus segments) accepted, in bytes
 */
public record ReaderOptions(long traversalLimitWords, int nestingLimit, int maxSegments, int maxFrameBytes) {

    /** cloudflared's largest message: 64 MiB, that is 8 Mi words. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /** The defaults: 8 Mi words of traversal, nesting 64, 512 segments, frames up to 64 MiB. */
    public static final ReaderOptions DEFAULT = new ReaderOptions(8L * 1024 * 1024, 64, 512, DEFAULT_MAX_FRAME_BYTES);

    /**
     * Creates options.
     *
     * @param traversalLimitWords the number of words a message may cost to read in total, positive
     * @param nestingLimit how deep structs and lists may nest, positive
     * @param maxSegments the largest segment count, 1 or more
     * @param maxFrameBytes the largest frame in bytes, at least 8 and below 2 GiB
     */
    public ReaderOptions {
        if (traversalLimitWords <= 0) {
            throw new IllegalArgumentException("traversalLimitWords must be positive, was " + traversalLimitWords);
        }
        if (nestingLimit <= 0) {
            throw new IllegalArgumentException("nestingLimit must be positive, was " + nestingLimit);
        }
        if (maxSegments <= 0) {
            throw new IllegalArgumentException("maxSegments must be positive, was " + maxSegments);
        }
        if (maxFrameBytes < 8 || maxFrameBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFrameBytes must be between 8 and 2^31 - 9, was " + maxFrameBytes);
        }
    }

    /**
     * Returns a copy with another traversal limit.
     *
     * @param words the new limit in words
     * @return the options
     */
    public ReaderOptions withTraversalLimitWords(long words) {
        return new ReaderOptions(words, nestingLimit, maxSegments, maxFrameBytes);
    }

    /**
     * Returns a copy with another nesting limit.
     *
     * @param limit the new limit
     * @return the options
     */
    public ReaderOptions withNestingLimit(int limit) {
        return new ReaderOptions(traversalLimitWords, limit, maxSegments, maxFrameBytes);
    }
}
