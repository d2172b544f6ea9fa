package io.tunnelagent.protocol.stream;

import static io.tunnelagent.protocol.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.protocol.ProtocolException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamSignatureTests {

    @Test
    void dataPreambleIsSignatureAndVersion01() {
        assertThat(StreamSignature.DATA.preamble()).isEqualTo(hex("0a36cd12a13e 3031"));
        assertThat(StreamSignature.DATA.preambleLength()).isEqualTo(8);
    }

    @Test
    void rpcPreambleIsTheSignatureAlone() {
        assertThat(StreamSignature.RPC.preamble()).isEqualTo(hex("52bb825cdb65"));
        assertThat(StreamSignature.RPC.bytes()).isEqualTo(hex("52bb825cdb65"));
        assertThat(StreamSignature.RPC.preambleLength()).isEqualTo(6);
    }

    @Test
    void readPreambleConsumesEightBytesOfADataStream() {
        ByteBuffer stream = ByteBuffer.wrap(hex("0a36cd12a13e 3031 00000000"));

        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.DATA);
        assertThat(stream.position()).isEqualTo(8);
    }

    @Test
    void readPreambleConsumesSixBytesOfAnRpcStream() {
        ByteBuffer stream = ByteBuffer.wrap(hex("52bb825cdb65 00000000"));

        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.RPC);
        assertThat(stream.position()).isEqualTo(6);
    }

    @Test
    void incompletePreambleConsumesNothing() {
        ByteBuffer shortSignature = ByteBuffer.wrap(hex("0a36cd12a1"));
        ByteBuffer missingVersion = ByteBuffer.wrap(hex("0a36cd12a13e 30"));

        assertThat(StreamSignature.readPreamble(shortSignature)).isEmpty();
        assertThat(StreamSignature.readPreamble(missingVersion)).isEmpty();
        assertThat(missingVersion.position()).isZero();
    }

    @Test
    void unknownSignatureIsRejected() {
        ByteBuffer stream = ByteBuffer.wrap(hex("000102030405 3031"));

        assertThatExceptionOfType(ProtocolException.class)
                .isThrownBy(() -> StreamSignature.readPreamble(stream))
                .withMessage("Unknown stream signature 000102030405, expected 0a36cd12a13e (data) or 52bb825cdb65"
                        + " (RPC)");
    }
}
