package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessageReaderTests {

    @Test
    void bootstrapVectorDecodes() {
        StructReader root = MessageReader.decode(MessageBuilderTests.BOOTSTRAP).root();

        assertThat(root.getUInt16(0)).isEqualTo(8);
        StructReader bootstrap = root.getStruct(0);
        assertThat(bootstrap.getUInt32(0)).isZero();
        assertThat(bootstrap.hasPointer(0)).isFalse();
        assertThat(bootstrap.pointerKind(0)).isEqualTo(PointerKind.NULL);
    }

    @Test
    void finishVectorDecodesBoolWithTrueDefault() {
        StructReader finish =
                MessageReader.decode(MessageBuilderTests.FINISH).root().getStruct(0);

        assertThat(finish.getUInt32(0)).isZero();
        assertThat(finish.getBool(32, true)).isFalse();
    }

    @Test
    void connectRequestVectorDecodesWithGenericReaders() {
        StructReader root =
                MessageReader.decode(MessageBuilderTests.CONNECT_REQUEST).root();

        assertThat(root.getText(0)).isEqualTo("https://app.example.com/a?b=1");
        assertThat(root.getUInt16(0)).isZero();
        ListReader metadata = root.getList(1);
        assertThat(metadata.size()).isEqualTo(3);
        assertThat(metadata.getStruct(1).getText(0)).isEqualTo("HttpHost");
        assertThat(metadata.getStruct(1).getText(1)).isEqualTo("app.example.com");
        assertThat(metadata.getStruct(2).getText(1)).isEqualTo("*/*");
    }

    @Test
    void fieldsBeyondAnOlderWritersSectionsReadAsDefaults() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(1, 1).setInt(0, 9).setText(0, "x");

        StructReader root = MessageReader.decode(message.toFramedBytes()).root();

        assertThat(root.getInt(32)).isZero();
        assertThat(root.getInt(32, 77)).isEqualTo(77);
        assertThat(root.getLong(64, -5)).isEqualTo(-5);
        assertThat(root.getBool(64, true)).isTrue();
        assertThat(root.getUInt16(128, 3)).isEqualTo(3);
        assertThat(root.getText(1)).isEmpty();
        assertThat(root.getText(1, "dflt")).isEqualTo("dflt");
        assertThat(root.getData(5)).isEmpty();
        assertThat(root.getList(3).size()).isZero();
        assertThat(root.getStruct(2).getLong(0, 4)).isEqualTo(4);
        assertThat(root.pointerKind(7)).isEqualTo(PointerKind.NULL);
    }

    @Test
    void nullPointersReadAsEmptyValues() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(0, 4);

        StructReader root = MessageReader.decode(message.toFramedBytes()).root();

        assertThat(root.getText(0)).isEmpty();
        assertThat(root.getData(1)).isEmpty();
        assertThat(root.getList(2).size()).isZero();
        assertThat(root.getStruct(3).dataSizeBits()).isZero();
        assertThat(root.getStruct(3).getText(0)).isEmpty();
    }

    @Test
    void zeroSizedStructPointerReadsAsEmptyStruct() {
        StructReader root =
                MessageReader.decode(hex("00000000 01000000 fcffffff 00000000")).root();

        assertThat(root.dataSizeBits()).isZero();
        assertThat(root.pointerCount()).isZero();
    }

    @Test
    void singleFarPointerIsFollowedToAnotherSegment() {
        // Segment 0: root = far pointer to segment 1 word 0 (landing pad); segment 1: pad = struct pointer
        // (offset 0, 1 data word, 0 pointers), then the struct's data word.
        byte[] frame = hex(
                "01000000 01000000 02000000 00000000" + " 02000000 01000000" + " 00000000 01000000 2a000000 00000000");

        StructReader root = MessageReader.decode(frame).root();

        assertThat(root.getInt(0)).isEqualTo(42);
    }

    @Test
    void doubleFarPointerIsFollowedThroughItsTwoWordLandingPad() {
        // Segment 0: root = double far pointer to segment 1 word 0.
        // Segment 1: pad word 0 = far pointer to segment 2 word 0, pad word 1 = tag (struct, 0 data, 1 pointer).
        // Segment 2: the struct's pointer: a text "hi".
        byte[] frame = hex("02000000 01000000 02000000 02000000"
                + " 06000000 01000000"
                + " 02000000 02000000 00000000 00000100"
                + " 01000000 1a000000 68690000 00000000");

        StructReader root = MessageReader.decode(frame).root();

        assertThat(root.pointerCount()).isEqualTo(1);
        assertThat(root.getText(0)).isEqualTo("hi");
        assertThat(root.pointerKind(0)).isEqualTo(PointerKind.LIST);
    }

    @Test
    void readFromBufferLeavesBytesAfterTheFrame() {
        byte[] body = {'b', 'o', 'd', 'y'};
        ByteBuffer stream = ByteBuffer.allocate(MessageBuilderTests.FINISH.length + body.length)
                .put(MessageBuilderTests.FINISH)
                .put(body)
                .flip();

        MessageReader reader = MessageReader.read(stream);

        assertThat(reader.root().getUInt16(0)).isEqualTo(4);
        assertThat(stream.remaining()).isEqualTo(4);
        assertThat(stream.get()).isEqualTo((byte) 'b');
    }

    @Test
    void everyObjectReadIsChargedToTheTraversalBudget() {
        MessageReader reader = MessageReader.decode(MessageBuilderTests.CONNECT_REQUEST);
        long before = reader.traversalRemainingWords();

        reader.root().getList(1).getStruct(0).getText(0);

        assertThat(reader.traversalRemainingWords()).isLessThan(before - 3);
    }
}
