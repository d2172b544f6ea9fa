package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static io.tunnelagent.protocol.TestBytes.xxd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class MessageBuilderTests {

    /** Protocol doc Appendix A: {@code Message{bootstrap{questionId=0}}}, 48 bytes from {@code capnp encode}. */
    static final byte[] BOOTSTRAP = hex("00000000 05000000 | 00000000 01000100 | 08000000 00000000 |"
            + " 00000000 01000100 | 00000000 00000000 | 00000000 00000000");

    /** Protocol doc Appendix A: {@code Message{finish{questionId=0, releaseResultCaps=false}}}, 40 bytes. */
    static final byte[] FINISH = hex(
            "00000000 04000000 | 00000000 01000100 | 04000000 00000000 |" + " 00000000 01000000 | 00000000 01000000");

    /** Protocol doc 4.2: the 216-byte ConnectRequest. */
    static final byte[] CONNECT_REQUEST = xxd("""
            00000000: 00000000 1a000000 00000000 01000200  ................
            00000010: 00000000 00000000 05000000 f2000000  ................
            00000020: 11000000 37000000 68747470 733a2f2f  ....7...https://
            00000030: 6170702e 6578616d 706c652e 636f6d2f  app.example.com/
            00000040: 613f623d 31000000 0c000000 00000200  a?b=1...........
            00000050: 15000000 5a000000 19000000 22000000  ....Z......."...
            00000060: 19000000 4a000000 1d000000 82000000  ....J...........
            00000070: 21000000 92000000 29000000 22000000  !.......)..."...
            00000080: 48747470 4d657468 6f640000 00000000  HttpMethod......
            00000090: 47455400 00000000 48747470 486f7374  GET.....HttpHost
            000000a0: 00000000 00000000 6170702e 6578616d  ........app.exam
            000000b0: 706c652e 636f6d00 48747470 48656164  ple.com.HttpHead
            000000c0: 65723a41 63636570 74000000 00000000  er:Accept.......
            000000d0: 2a2f2a00 00000000                    */*.....
            """);

    @Test
    void bootstrapMessageEncodesLikeCapnpEncode() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(1, 1);
        root.setShort(0, 8);
        root.initStruct(0, 1, 1).setInt(0, 0);

        assertThat(message.toFramedBytes()).isEqualTo(BOOTSTRAP);
        assertThat(message.frameSize()).isEqualTo(48);
    }

    @Test
    void boolWithDefaultTrueIsStoredXorDefault() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(1, 1);
        root.setShort(0, 4);
        root.initStruct(0, 1, 0).setInt(0, 0).setBool(32, false, true);

        assertThat(message.toFramedBytes()).isEqualTo(FINISH);
    }

    @Test
    void connectRequestLayoutFollowsAllocationOrder() {
        MessageBuilder message = new MessageBuilder(4);
        StructBuilder root = message.initRoot(1, 2);
        root.setText(0, "https://app.example.com/a?b=1");
        root.setShort(0, 0);
        String[][] entries = {{"HttpMethod", "GET"}, {"HttpHost", "app.example.com"}, {"HttpHeader:Accept", "*/*"}};
        ListBuilder metadata = root.initStructList(1, entries.length, 0, 2);
        for (int i = 0; i < entries.length; i++) {
            metadata.getStruct(i).setText(0, entries[i][0]).setText(1, entries[i][1]);
        }

        assertThat(message.toFramedBytes()).isEqualTo(CONNECT_REQUEST);
    }

    @Test
    void fieldsOfEveryWidthRoundTripWithAndWithoutDefaults() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(4, 0);
        root.setBool(0, true).setBool(1, false, true).setBool(7, true, true);
        root.setByte(8, 0xAB).setByte(16, 200, 7);
        root.setShort(32, -2).setShort(48, 500, 0x1234);
        root.setInt(64, Integer.MIN_VALUE).setInt(96, 42, -1);
        root.setLong(128, Long.MAX_VALUE).setLong(192, 5, 0x5555_5555_5555_5555L);

        StructReader read = MessageReader.decode(message.toFramedBytes()).root();

        assertThat(read.getBool(0)).isTrue();
        assertThat(read.getBool(1, true)).isFalse();
        assertThat(read.getBool(7, true)).isTrue();
        assertThat(read.getBool(7)).isFalse();
        assertThat(read.getByte(8)).isEqualTo((byte) 0xAB);
        assertThat(read.getUInt8(8)).isEqualTo(0xAB);
        assertThat(read.getByte(16, 7)).isEqualTo(200);
        assertThat(read.getShort(32)).isEqualTo((short) -2);
        assertThat(read.getUInt16(32)).isEqualTo(0xFFFE);
        assertThat(read.getUInt16(48, 0x1234)).isEqualTo(500);
        assertThat(read.getInt(64)).isEqualTo(Integer.MIN_VALUE);
        assertThat(read.getUInt32(64)).isEqualTo(0x8000_0000L);
        assertThat(read.getInt(96, -1)).isEqualTo(42);
        assertThat(read.getLong(128)).isEqualTo(Long.MAX_VALUE);
        assertThat(read.getLong(192, 0x5555_5555_5555_5555L)).isEqualTo(5);
    }

    @Test
    void floatingPointFieldsRoundTrip() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(2, 0).setFloat(0, 1.5f).setDouble(64, -2.25);

        StructReader read = MessageReader.decode(message.toFramedBytes()).root();

        assertThat(read.getFloat(0)).isEqualTo(1.5f);
        assertThat(read.getDouble(64)).isEqualTo(-2.25);
    }

    @Test
    void listsOfEveryElementSizeRoundTrip() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(0, 8);
        ListBuilder bits = root.initList(0, ElementSize.BIT, 70);
        bits.setBool(0, true).setBool(65, true).setBool(69, true);
        root.initList(1, ElementSize.BYTE, 3).setByte(0, 1).setByte(1, 0xFF).setByte(2, 3);
        root.initList(2, ElementSize.TWO_BYTES, 2).setShort(0, 0x1234).setShort(1, -1);
        root.initList(3, ElementSize.FOUR_BYTES, 2).setInt(0, 7).setInt(1, -7);
        root.initList(4, ElementSize.EIGHT_BYTES, 1).setLong(0, Long.MIN_VALUE);
        ListBuilder texts = root.initList(5, ElementSize.POINTER, 3);
        texts.setText(0, "a").setText(2, "ünïcode");
        root.initList(6, ElementSize.VOID, 1000);
        ListBuilder structs = root.initStructList(7, 2, 1, 1);
        structs.getStruct(0).setInt(0, 11).setData(0, new byte[] {1, 2});
        structs.getStruct(1).setInt(32, 22);

        StructReader read = MessageReader.decode(message.toFramedBytes()).root();

        ListReader readBits = read.getList(0);
        assertThat(readBits.elementSize()).isEqualTo(ElementSize.BIT);
        assertThat(readBits.size()).isEqualTo(70);
        assertThat(readBits.getBool(0)).isTrue();
        assertThat(readBits.getBool(1)).isFalse();
        assertThat(readBits.getBool(65)).isTrue();
        assertThat(readBits.getBool(69)).isTrue();
        assertThat(read.getList(1).asBytes()).containsExactly(1, 0xFF, 3);
        assertThat(read.getList(2).getShort(0)).isEqualTo((short) 0x1234);
        assertThat(read.getList(2).getShort(1)).isEqualTo((short) -1);
        assertThat(read.getList(3).getInt(1)).isEqualTo(-7);
        assertThat(read.getList(4).getLong(0)).isEqualTo(Long.MIN_VALUE);
        ListReader readTexts = read.getList(5);
        assertThat(readTexts.getText(0)).isEqualTo("a");
        assertThat(readTexts.getText(1)).isEmpty();
        assertThat(readTexts.getText(2)).isEqualTo("ünïcode");
        assertThat(read.getList(6).size()).isEqualTo(1000);
        ListReader readStructs = read.getList(7);
        assertThat(readStructs.elementSize()).isEqualTo(ElementSize.INLINE_COMPOSITE);
        assertThat(readStructs.getStruct(0).getInt(0)).isEqualTo(11);
        assertThat(readStructs.getStruct(0).getData(0)).containsExactly(1, 2);
        assertThat(readStructs.getStruct(1).getInt(32)).isEqualTo(22);
        assertThat(readStructs.getInt(0)).isEqualTo(11);
    }

    @Test
    void capabilityPointersRoundTrip() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(0, 2);
        root.setCapability(0, 0);
        root.initList(1, ElementSize.POINTER, 2).setCapability(1, 5);

        StructReader read = MessageReader.decode(message.toFramedBytes()).root();

        assertThat(message.toFramedBytes())
                .endsWith(hex("03000000 00000000 01000000 16000000 00000000 00000000" + " 03000000 05000000"));
        assertThat(read.pointerKind(0)).isEqualTo(PointerKind.CAPABILITY);
        assertThat(read.getCapability(0)).isZero();
        assertThat(read.getList(1).getStruct(0).pointerCount()).isZero();
        assertThat(read.pointerKind(1)).isEqualTo(PointerKind.LIST);
    }

    @Test
    void emptyTextIsWrittenAsNulTerminatedByteList() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(0, 1).setText(0, "");

        assertThat(message.toFramedBytes())
                .isEqualTo(hex("00000000 03000000 00000000 00000100" + " 01000000 0a000000 00000000 00000000"));
        assertThat(MessageReader.decode(message.toFramedBytes()).root().hasPointer(0))
                .isTrue();
    }

    @Test
    void messageGrowsBeyondItsInitialCapacity() {
        MessageBuilder message = new MessageBuilder(1);
        byte[] big = new byte[100_000];
        big[99_999] = 9;
        message.initRoot(0, 1).setData(0, big);

        assertThat(MessageReader.decode(message.toFramedBytes()).root().getData(0))
                .isEqualTo(big);
    }

    @Test
    void misuseIsRejectedWithClearMessages() {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(1, 1);

        assertThatIllegalStateException().isThrownBy(() -> message.initRoot(1, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> root.setInt(48, 1))
                .withMessageContaining("aligned");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> root.setLong(64, 1))
                .withMessageContaining("64-bit");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> root.initList(0, ElementSize.INLINE_COMPOSITE, 1))
                .withMessageContaining("initStructList");
        assertThatIllegalStateException()
                .isThrownBy(() -> root.initList(0, ElementSize.BYTE, 1).setText(0, "x"));
    }
}
