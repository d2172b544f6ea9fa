package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAccumulatorTests {

    private static final ReaderOptions LIMITS = new ReaderOptions(1024, 64, 64, 4096);

    @Test
    void bytesArrivingOneAtATimeYieldEachFrameOnceComplete() {
        byte[] stream = concat(MessageBuilderTests.BOOTSTRAP, MessageBuilderTests.FINISH);
        FrameAccumulator accumulator = new FrameAccumulator(LIMITS);
        List<byte[]> frames = new ArrayList<>();
        for (byte b : stream) {
            accumulator.append(ByteBuffer.wrap(new byte[] {b}));
            ByteBuffer frame;
            while ((frame = accumulator.poll()) != null) {
                frames.add(bytes(frame));
            }
        }
        assertThat(frames).containsExactly(MessageBuilderTests.BOOTSTRAP, MessageBuilderTests.FINISH);
        assertThat(accumulator.buffered()).isZero();
    }

    @Test
    void oneChunkWithSeveralFramesAndAPartialOneKeepsTheRest() {
        byte[] stream = concat(MessageBuilderTests.BOOTSTRAP, MessageBuilderTests.FINISH);
        FrameAccumulator accumulator = new FrameAccumulator(LIMITS);
        accumulator.append(ByteBuffer.wrap(stream, 0, stream.length - 3));
        assertThat(bytes(accumulator.poll())).isEqualTo(MessageBuilderTests.BOOTSTRAP);
        assertThat(accumulator.poll()).isNull();
        assertThat(accumulator.buffered()).isEqualTo(MessageBuilderTests.FINISH.length - 3);
        accumulator.append(ByteBuffer.wrap(stream, stream.length - 3, 3));
        assertThat(bytes(accumulator.poll())).isEqualTo(MessageBuilderTests.FINISH);
    }

    @Test
    void oversizedFrameIsRefusedBeforeItsBytesArrive() {
        FrameAccumulator accumulator = new FrameAccumulator(LIMITS);
        accumulator.append(ByteBuffer.wrap(hex("00000000 00100000")));
        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(accumulator::poll)
                .withMessageContaining("larger than the frame limit of 4096 bytes");
    }

    @Test
    void tooManySegmentsAreRefused() {
        FrameAccumulator accumulator = new FrameAccumulator(LIMITS);
        accumulator.append(ByteBuffer.wrap(hex("ff000000")));
        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(accumulator::poll)
                .withMessageContaining("more than the limit of 64");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
