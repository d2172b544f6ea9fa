package io.tunnelagent.protocol.capnp;

import static io.tunnelagent.protocol.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HostileInputTests {

    @Test
    void truncatedFrameIsRejected() {
        byte[] truncated = Arrays.copyOf(MessageBuilderTests.CONNECT_REQUEST, 100);

        assertDecodeError(() -> MessageReader.decode(truncated), "Truncated frame: 100 bytes");
    }

    @Test
    void bytesAfterTheFrameAreRejectedByTheExactDecoder() {
        byte[] longer = Arrays.copyOf(MessageBuilderTests.FINISH, 41);

        assertDecodeError(() -> MessageReader.decode(longer), "1 bytes follow the 40-byte frame");
    }

    @Test
    void emptySegmentZeroHasNoRoot() {
        assertDecodeError(() -> MessageReader.decode(hex("00000000 00000000")).root(), "Segment 0 is empty");
    }

    @Test
    void structPointerOutsideTheSegmentIsRejected() {
        // root: struct at offset 5 with 1 data word, but the segment has 2 words
        byte[] frame = hex("00000000 02000000 14000000 01000000 00000000 00000000");

        assertDecodeError(
                () -> MessageReader.decode(frame).root(),
                "Struct pointer at word 0 of segment 0 points outside segment 0 (words 6 to 7, segment has 2 words)");
    }

    @Test
    void negativeOffsetBeforeTheSegmentIsRejected() {
        byte[] frame = hex("00000000 01000000 f8ffffff 01000000");

        assertDecodeError(() -> MessageReader.decode(frame).root(), "points outside segment 0 (words -1 to 0");
    }

    @Test
    void listLargerThanTheSegmentIsRejected() {
        // root struct 0/1, pointer 0: byte list of 2^29 - 1 elements
        byte[] frame = hex("00000000 02000000 00000000 00000100 01000000 faffffff");

        assertDecodeError(
                () -> MessageReader.decode(frame).root().getData(0),
                "List pointer at word 1 of segment 0" + " points outside segment 0");
    }

    @Test
    void compositeListWhoseElementsOverflowItsWordCountIsRejected() {
        // pointer 0: composite list of 1 word; tag says 2^30 - 1 elements of 65535 + 65535 words
        byte[] frame =
                hex("00000000 04000000 00000000 00000100 01000000 0f000000 fcffffff ffffffff" + " 00000000 00000000");

        assertDecodeError(
                () -> MessageReader.decode(frame).root().getList(0),
                "declares 1073741823 elements of 131070 words, more than its 1 words");
    }

    @Test
    void compositeListTagThatIsNotAStructTagIsRejected() {
        byte[] frame =
                hex("00000000 04000000 00000000 00000100 01000000 0f000000 01000000 00000000" + " 00000000 00000000");

        assertDecodeError(
                () -> MessageReader.decode(frame).root().getList(0), "is a list pointer, expected a struct tag");
    }

    @Test
    void zeroSizedElementsAreChargedPerElement() {
        // pointer 0: void list of 2^29 - 1 elements takes no bytes but exceeds the traversal limit
        byte[] frame = hex("00000000 02000000 00000000 00000100 01000000 f8ffffff");

        assertDecodeError(() -> MessageReader.decode(frame).root().getList(0), "exceeds the traversal limit");
    }

    @Test
    void farPointerToAMissingSegmentIsRejected() {
        byte[] frame = hex("00000000 01000000 02000000 07000000");

        assertDecodeError(
                () -> MessageReader.decode(frame).root(),
                "Far pointer at word 0 of segment 0 names segment 7, but the message has 1 segments");
    }

    @Test
    void farPointerWhoseLandingPadIsAFarPointerIsRejected() {
        // root is a far pointer to segment 0 word 0: itself. A cycle, cut at the first hop.
        byte[] frame = hex("00000000 01000000 02000000 00000000");

        assertDecodeError(() -> MessageReader.decode(frame).root(), "is itself a far pointer");
    }

    @Test
    void farPointerLandingPadOutsideItsSegmentIsRejected() {
        byte[] frame = hex("00000000 01000000 faffffff 00000000");

        assertDecodeError(() -> MessageReader.decode(frame).root(), "has its landing pad at word");
    }

    @Test
    void doubleFarPadWithoutAFarPointerIsRejected() {
        byte[] frame = hex("00000000 03000000 0e000000 00000000 00000000 00000000 00000000 00000000");

        assertDecodeError(() -> MessageReader.decode(frame).root(), "does not start with a single far pointer");
    }

    @Test
    void selfReferencingStructHitsTheNestingLimit() {
        // root struct 0/1 at word 1; its pointer (word 1) points back at word 1 (offset -1): infinitely deep
        byte[] frame = hex("00000000 02000000 00000000 00000100 fcffffff 00000100");

        StructReader root = MessageReader.decode(frame).root();

        assertDecodeError(
                () -> {
                    StructReader current = root;
                    while (true) {
                        current = current.getStruct(0);
                    }
                },
                "exceeds the nesting limit of 64");
    }

    @Test
    void repeatedReadsOfOneObjectExhaustTheTraversalBudget() {
        MessageReader reader = MessageReader.decode(
                MessageBuilderTests.CONNECT_REQUEST, ReaderOptions.DEFAULT.withTraversalLimitWords(100));

        assertDecodeError(
                () -> {
                    for (int i = 0; i < 1000; i++) {
                        reader.root().getList(1);
                    }
                },
                "exceeds the traversal limit of 100 words");
    }

    @Test
    void textWithoutNulTerminatorIsRejected() {
        byte[] frame = hex("00000000 03000000 00000000 00000100 01000000 0a000000 41000000 00000000");

        assertDecodeError(() -> MessageReader.decode(frame).root().getText(0), "is not NUL-terminated");
    }

    @Test
    void pointerOfTheWrongKindIsRejected() {
        byte[] frame = MessageBuilderTests.CONNECT_REQUEST;

        assertDecodeError(
                () -> MessageReader.decode(frame).root().getStruct(0),
                "Pointer at word 2 of segment 0 is a list pointer, expected a struct pointer");
        assertDecodeError(
                () -> MessageReader.decode(frame).root().getList(0).getText(0), "expected a list of pointers");
        assertDecodeError(
                () -> MessageReader.decode(frame).root().getCapability(0), "is a list pointer, expected a capability");
        assertDecodeError(() -> MessageReader.decode(frame).root().getList(0).getInt(0), "expected at least 32");
    }

    @Test
    void textPointerToAListOfStructsIsRejected() {
        byte[] frame = MessageBuilderTests.CONNECT_REQUEST;

        assertDecodeError(
                () -> MessageReader.decode(frame).root().getText(1),
                "is a list of INLINE_COMPOSITE, expected Text (bytes)");
    }

    @Test
    void unknownOtherPointerIsRejected() {
        byte[] frame = hex("00000000 02000000 00000000 00000100 07000000 00000000");

        assertDecodeError(
                () -> MessageReader.decode(frame).root().pointerKind(0),
                "is an unknown 'other' pointer, which is not a struct, list or capability");
    }

    private static void assertDecodeError(ThrowingCallable call, String messagePart) {
        assertThatExceptionOfType(CapnpDecodeException.class).isThrownBy(call).withMessageContaining(messagePart);
    }
}
