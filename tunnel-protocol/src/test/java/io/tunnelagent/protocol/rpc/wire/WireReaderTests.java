package io.tunnelagent.protocol.rpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.TestVectors;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Multi-segment input (as Go writes large messages) is read through far pointers and copied into one segment. */
class WireReaderTests {

    private static final byte[] CANONICAL =
            TestVectors.hex("00000000 02000000 | 00000000 01000000 | 2a000000 00000000");

    @Test
    void singleFarPointerIsFollowedAndCopiedIntoOneSegment() {
        byte[] message = TestVectors.hex(
                "01000000 01000000 02000000 00000000" // two segments: 1 and 2 words
                        + " | 02000000 01000000" // root: far pointer to segment 1, word 0 (single landing pad)
                        + " | 00000000 01000000" // landing pad: struct at the next word, 1 data word
                        + " | 2a000000 00000000"); // data
        assertThat(WireReader.of(ByteBuffer.wrap(message)).root().u32(0)).isEqualTo(42);
        assertThat(bytes(WireBuilder.extract(
                        WireReader.of(ByteBuffer.wrap(message)).rootLocation())))
                .isEqualTo(CANONICAL);
    }

    @Test
    void doubleFarPointerIsFollowedAndCopiedIntoOneSegment() {
        byte[] message = TestVectors.hex(
                "02000000 01000000 02000000 01000000" // three segments: 1, 2, 1 words
                        + " | 06000000 01000000" // root: double-far to segment 1, word 0
                        + " | 02000000 02000000" // landing pad: far pointer to segment 2, word 0
                        + " | 00000000 01000000" // tag: a struct of 1 data word
                        + " | 2a000000 00000000"); // data in segment 2
        assertThat(bytes(WireBuilder.extract(
                        WireReader.of(ByteBuffer.wrap(message)).rootLocation())))
                .isEqualTo(CANONICAL);
    }

    @Test
    void farPointerToMissingSegmentIsRejected() {
        byte[] message = TestVectors.hex("00000000 01000000 | 02000000 05000000");
        assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> WireReader.of(ByteBuffer.wrap(message)).root())
                .withMessageContaining("pointer to segment 5 of 1");
    }

    @Test
    void selfReferencingListsHitTheTraversalLimit() {
        // root struct with 1 pointer; the pointer is a list of 1 pointer pointing back at the root struct's list
        byte[] message = TestVectors.hex("00000000 03000000"
                + " | 00000000 00000100" // root: struct, 0 data words, 1 pointer (word 1)
                + " | 01000000 0e000000" // list of 1 pointer element at word 2
                + " | f9ffffff 0e000000"); // element: list pointer back to word 2 (offset -2)
        assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> WireBuilder.extract(
                        WireReader.of(ByteBuffer.wrap(message)).rootLocation()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
