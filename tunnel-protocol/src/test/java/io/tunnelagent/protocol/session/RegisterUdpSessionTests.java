package io.tunnelagent.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructReader;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegisterUdpSessionTests {

    static final UUID SESSION = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void paramsRoundTripWithIpv4AndIpv6() throws Exception {
        for (String ip : new String[] {"192.0.2.7", "2001:db8::53"}) {
            RegisterUdpSession.Params params = new RegisterUdpSession.Params(
                    SESSION, InetAddress.getByName(ip), 53, Duration.ofSeconds(30), "trace:span:0:1");

            assertThat(RegisterUdpSession.Params.decode(params.encode())).isEqualTo(params);
        }
    }

    @Test
    void closeAfterIdleHintIsInNanosecondsAtBits64To128() throws Exception {
        RegisterUdpSession.Params params = new RegisterUdpSession.Params(
                SESSION, InetAddress.getByName("192.0.2.7"), 0x1234, Duration.ofMillis(1500), "");

        StructReader root = MessageReader.decode(params.encode()).root();

        assertThat(root.dataSizeBits()).isEqualTo(128);
        assertThat(root.pointerCount()).isEqualTo(3);
        assertThat(root.getUInt16(0)).isEqualTo(0x1234);
        assertThat(root.getLong(64)).isEqualTo(1_500_000_000L);
        assertThat(root.getData(1)).hasSize(4);
    }

    @Test
    void missingTraceContextReadsAsItsEmptyDefault() throws Exception {
        RegisterUdpSession.Params params =
                new RegisterUdpSession.Params(SESSION, InetAddress.getByName("::1"), 1, Duration.ZERO, "");

        StructReader root = MessageReader.decode(params.encode()).root();

        assertThat(root.hasPointer(2)).isFalse();
        assertThat(RegisterUdpSession.Params.read(root).traceContext()).isEmpty();
    }

    @Test
    void destinationOfTheWrongLengthIsADecodeError() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(2, 3).setData(0, new byte[16]).setData(1, new byte[7]);

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> RegisterUdpSession.Params.decode(message.toFramedBytes()))
                .withMessage("registerUdpSession.dstIp must be a 4- or 16-byte IP address, but is 7 bytes");
    }

    @Test
    void resultsAndUnregisterParamsRoundTrip() {
        RegisterUdpSession.Results ok = new RegisterUdpSession.Results(new RegisterUdpSessionResponse("", new byte[0]));
        RegisterUdpSession.Results refused = new RegisterUdpSession.Results(
                new RegisterUdpSessionResponse("failed to start udp session due to rate limiting", new byte[] {1, 2}));
        UnregisterUdpSession.Params unregister = new UnregisterUdpSession.Params(SESSION, "idle timeout");

        assertThat(RegisterUdpSession.Results.decode(ok.encode())).isEqualTo(ok);
        assertThat(RegisterUdpSession.Results.decode(refused.encode())).isEqualTo(refused);
        assertThat(UnregisterUdpSession.Params.decode(unregister.encode())).isEqualTo(unregister);
        assertThat(refused.result().toString()).contains("2 bytes");
        assertThat(UnregisterUdpSession.Results.TYPE_ID).isEqualTo(0xf24ec4ab5891b676L);
    }
}
