package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTests {

    @Test
    void everyPrefixOfAFrameIsIncomplete() {
        byte[] frame = MessageBuilderTests.CONNECT_REQUEST;
        for (int length = 0; length < frame.length; length++) {
            ByteBuffer prefix = ByteBuffer.wrap(frame, 0, length);

            assertThat(Framing.frameLength(prefix))
                    .as("prefix of %d bytes", length)
                    .isEqualTo(Framing.INCOMPLETE);
        }
    }

    @Test
    void completeFrameReportsItsLengthWhateverFollows() {
        byte[] frame = MessageBuilderTests.CONNECT_REQUEST;
        byte[] withBody = Arrays.copyOf(frame, frame.length + 100);

        assertThat(Framing.frameLength(ByteBuffer.wrap(frame))).isEqualTo(216);
        assertThat(Framing.frameLength(ByteBuffer.wrap(withBody))).isEqualTo(216);
    }

    @Test
    void frameLengthStartsAtTheBufferPositionAndDoesNotMoveIt() {
        ByteBuffer buffer = ByteBuffer.allocate(3 + 40).put(new byte[3]).put(MessageBuilderTests.FINISH);
        buffer.position(3);

        assertThat(Framing.frameLength(buffer)).isEqualTo(40);
        assertThat(buffer.position()).isEqualTo(3);
    }

    @Test
    void multiSegmentTableIsPaddedToAWordBoundary() {
        // two segments: 4 + 2 * 4 = 12 header bytes, padded to 16; segments of 1 and 2 words
        byte[] header = hex("01000000 01000000 02000000 00000000");

        assertThat(Framing.frameLength(ByteBuffer.wrap(Arrays.copyOf(header, 16 + 23))))
                .isEqualTo(Framing.INCOMPLETE);
        assertThat(Framing.frameLength(ByteBuffer.wrap(Arrays.copyOf(header, 16 + 24))))
                .isEqualTo(40);
    }

    @Test
    void oversizedSegmentIsRejectedBeforeItsBytesArrive() {
        ByteBuffer header = ByteBuffer.wrap(hex("00000000 ffffffff"));

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> Framing.frameLength(header))
                .withMessage("Segment 0 size 4294967295 words makes the frame larger than the frame limit of"
                        + " 67108864 bytes");
    }

    @Test
    void tooManySegmentsAreRejectedFromTheFirstFourBytes() {
        ByteBuffer header = ByteBuffer.wrap(hex("ffffffff"));

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> Framing.frameLength(header))
                .withMessage("Frame declares 4294967296 segments, more than the limit of 512");
    }

    @Test
    void smallerFrameLimitApplies() {
        ReaderOptions options = new ReaderOptions(1024, 8, 4, 64);
        ByteBuffer frame = ByteBuffer.wrap(new MessageBuilder(16).toFramedBytes());
        ByteBuffer big = ByteBuffer.wrap(hex("00000000 08000000"));

        assertThat(Framing.frameLength(frame, options)).isEqualTo(16);
        assertThatExceptionOfType(CapnpDecodeException.class).isThrownBy(() -> Framing.frameLength(big, options));
    }
}
