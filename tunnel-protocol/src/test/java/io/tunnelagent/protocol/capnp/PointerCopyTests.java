package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static io.tunnelagent.protocol.TestBytes.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

/** Deep copies of a pointer's object between messages ({@link StructBuilder#copyPointer}, copyRoot). */
class PointerCopyTests {

    /** A single-segment message whose root is a struct of one data word holding 42. */
    private static final byte[] CANONICAL = hex("00000000 02000000 | 00000000 01000000 | 2a000000 00000000");

    @Test
    void copyOfAStructWithTextDataAndListsReproducesTheSourceLayout() {
        MessageBuilder original = new MessageBuilder();
        StructBuilder root = original.initRoot(1, 4).setLong(0, 0x1122334455667788L);
        root.initStruct(0, 1, 1).setInt(0, 7).setText(0, "inner");
        root.setData(1, new byte[] {1, 2, 3});
        ListBuilder structs = root.initStructList(2, 2, 1, 1);
        structs.getStruct(0).setShort(0, 5).setText(0, "a");
        structs.getStruct(1).setShort(0, 6).setCapability(0, 3);
        root.initList(3, ElementSize.POINTER, 2).setText(1, "second");
        byte[] frame = original.toFramedBytes();

        MessageBuilder copy = new MessageBuilder();
        copy.copyRoot(MessageReader.decode(frame).rootPointer(), 0);

        assertThat(copy.toFramedBytes()).isEqualTo(frame);
    }

    @Test
    void copyIntoAStructFieldEmbedsTheObjectAndKeepsCapabilityIndexes() {
        MessageBuilder source = new MessageBuilder();
        source.initRoot(0, 1).setCapability(0, 5);
        MessageReader reader = MessageReader.decode(source.toFramedBytes());

        MessageBuilder target = new MessageBuilder();
        target.initRoot(0, 2).copyPointer(1, reader.root(), 0).copyPointer(0, reader.rootPointer(), 0);

        StructReader copied = MessageReader.decode(target.toFramedBytes()).root();
        assertThat(copied.getCapability(1)).isEqualTo(5);
        assertThat(copied.getStruct(0).getCapability(0)).isEqualTo(5);
    }

    @Test
    void nullAndMissingPointersCopyAsNull() {
        MessageReader reader = MessageReader.decode(hex("00000000 01000000 | 00000000 00000000"));
        MessageBuilder target = new MessageBuilder();
        target.initRoot(0, 2).copyPointer(0, reader.rootPointer(), 0).copyPointer(1, reader.root(), 3);
        assertThat(target.toFramedBytes())
                .isEqualTo(hex("00000000 03000000 | 00000000 00000200 | 00000000 00000000 | 00000000 00000000"));
    }

    @Test
    void rootPointerReportsAnyKindOfRoot() {
        MessageReader capability = MessageReader.decode(hex("00000000 01000000 | 03000000 02000000"));
        assertThat(capability.rootPointer().pointerKind(0)).isEqualTo(PointerKind.CAPABILITY);
        assertThat(capability.rootPointer().getCapability(0)).isEqualTo(2);
        assertThat(MessageReader.decode(CANONICAL).rootPointer().pointerKind(0)).isEqualTo(PointerKind.STRUCT);
        assertThat(MessageReader.decode(CANONICAL).rootPointer().getStruct(0).getInt(0))
                .isEqualTo(42);
    }

    @Test
    void singleFarPointerIsFollowedAndCopiedIntoOneSegment() {
        byte[] message = hex(
                "01000000 01000000 02000000 00000000" // two segments: 1 and 2 words
                        + " | 02000000 01000000" // root: far pointer to segment 1, word 0 (single landing pad)
                        + " | 00000000 01000000" // landing pad: struct at the next word, 1 data word
                        + " | 2a000000 00000000"); // data
        assertThat(MessageReader.decode(message).root().getInt(0)).isEqualTo(42);
        assertThat(extractRoot(message)).isEqualTo(CANONICAL);
    }

    @Test
    void doubleFarPointerIsFollowedAndCopiedIntoOneSegment() {
        byte[] message = hex(
                "02000000 01000000 02000000 01000000" // three segments: 1, 2, 1 words
                        + " | 06000000 01000000" // root: double-far to segment 1, word 0
                        + " | 02000000 02000000" // landing pad: far pointer to segment 2, word 0
                        + " | 00000000 01000000" // tag: a struct of 1 data word
                        + " | 2a000000 00000000"); // data in segment 2
        assertThat(extractRoot(message)).isEqualTo(CANONICAL);
    }

    @Test
    void farPointerToMissingSegmentIsRejected() {
        byte[] message = hex("00000000 01000000 | 02000000 05000000");
        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> extractRoot(message))
                .withMessageContaining("names segment 5, but the message has 1 segments");
    }

    @Test
    void selfReferencingListsHitTheTraversalLimit() {
        // root struct with 1 pointer; the pointer is a list of 1 pointer pointing back at the root struct's list
        byte[] message = hex("00000000 03000000"
                + " | 00000000 00000100" // root: struct, 0 data words, 1 pointer (word 1)
                + " | 01000000 0e000000" // list of 1 pointer element at word 2
                + " | f9ffffff 0e000000"); // element: list pointer back to word 2 (offset -2)
        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> extractRoot(message))
                .withMessageContaining("exceed");
    }

    @Test
    void deepNestingHitsTheNestingLimit() {
        MessageBuilder deep = new MessageBuilder();
        StructBuilder struct = deep.initRoot(0, 1);
        for (int i = 0; i < 10; i++) {
            struct = struct.initStruct(0, 0, 1);
        }
        MessageReader reader = MessageReader.decode(deep.toFramedBytes(), ReaderOptions.DEFAULT.withNestingLimit(5));
        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> new MessageBuilder().copyRoot(reader.rootPointer(), 0))
                .withMessageContaining("exceeds the nesting limit of 5");
    }

    @Test
    void copyIsChargedToTheSourceTraversalBudget() {
        MessageReader reader = MessageReader.decode(CANONICAL);
        long before = reader.traversalRemainingWords();
        new MessageBuilder().copyRoot(reader.rootPointer(), 0);
        assertThat(reader.traversalRemainingWords()).isEqualTo(before - 1);
    }

    @Test
    void capturedCallPayloadContentRoundTripsThroughExtractAndEmbed() {
        byte[] call = resource("vectors/quic-control-c2s-02-register-call.bin");
        StructReader callStruct = MessageReader.decode(call).root().getStruct(0);
        StructReader payload = callStruct.getStruct(1);
        MessageBuilder content = new MessageBuilder();
        content.copyRoot(payload, 0);
        StructReader params = MessageReader.decode(content.toFramedBytes()).root();
        assertThat(params.getStruct(2).getStruct(0).getText(2))
                .isEqualTo(payload.getStruct(0).getStruct(2).getStruct(0).getText(2));

        MessageBuilder rebuilt = new MessageBuilder();
        StructBuilder message = rebuilt.initRoot(1, 1).setShort(0, 2);
        StructBuilder rebuiltCall = message.initStruct(0, 3, 3)
                .setInt(0, callStruct.getInt(0))
                .setShort(32, callStruct.getUInt16(32))
                .setLong(64, callStruct.getLong(64));
        StructReader target = callStruct.getStruct(0);
        StructBuilder rebuiltTarget = rebuiltCall.initStruct(0, 1, 1).setShort(32, target.getUInt16(32));
        rebuiltTarget
                .initStruct(0, 1, 1)
                .setInt(0, target.getStruct(0).getInt(0))
                .initStructList(0, 0, 1, 0);
        StructBuilder rebuiltPayload = rebuiltCall.initStruct(1, 0, 2);
        rebuiltPayload.copyPointer(
                0, MessageReader.decode(content.toFramedBytes()).rootPointer(), 0);
        rebuiltPayload.initStructList(1, 0, 1, 1);
        assertThat(rebuilt.toFramedBytes()).isEqualTo(call);
    }

    private static byte[] extractRoot(byte[] message) {
        MessageBuilder builder = new MessageBuilder();
        builder.copyRoot(MessageReader.decode(message).rootPointer(), 0);
        return builder.toFramedBytes();
    }
}
