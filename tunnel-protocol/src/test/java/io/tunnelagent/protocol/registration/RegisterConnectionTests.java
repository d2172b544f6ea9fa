package io.tunnelagent.protocol.registration;

import static io.tunnelagent.protocol.TestBytes.hex;
import static io.tunnelagent.protocol.TestBytes.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegisterConnectionTests {

    static final byte[] SECRET = hex("63f3de09125ba0a00de1d52a58694229dd09d825f325cb6c737f65b292eea10b");

    static final UUID TUNNEL_ID = UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e");

    static final UUID CONNECTOR_ID = UUID.fromString("155493d0-c0d3-454c-9701-27a28fd68d47");

    static final UUID CONNECTION_ID = UUID.fromString("7e5c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");

    @Test
    void capturedQuicRegisterCallParamsDecodeToTheReadmeValues() throws Exception {
        RegisterConnection.Params params = RegisterConnection.Params.read(
                RpcEnvelope.callContent(resource("vectors/quic-control-c2s-02-register-call.bin")));

        assertThat(params.auth().accountTag()).isEqualTo("ac1596cd251d5ed30c78646e5914a4fd");
        assertThat(params.auth().secret().bytes()).isEqualTo(SECRET);
        assertThat(params.tunnelId()).isEqualTo(TUNNEL_ID);
        assertThat(params.connIndex()).isZero();
        ConnectionOptions options = params.options();
        assertThat(options.client().clientId()).isEqualTo(CONNECTOR_ID);
        assertThat(options.client().features())
                .containsExactlyInAnyOrder(
                        "allow_remote_config",
                        "serialized_headers",
                        "support_datagram_v2",
                        "support_quic_eof",
                        "management_logs");
        assertThat(options.client().version()).isEqualTo("2026.8.2");
        assertThat(options.client().arch()).isEqualTo("linux_amd64");
        assertThat(options.originLocalIp()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(WireValues.bytes16(options.originLocalIp())).isEqualTo(hex("00000000000000000000ffff7f000001"));
        assertThat(options.replaceExisting()).isFalse();
        assertThat(options.compressionQuality()).isZero();
        assertThat(options.numPreviousAttempts()).isZero();
    }

    @Test
    void capturedHttp2RegisterCallParamsDecode() {
        RegisterConnection.Params params = RegisterConnection.Params.read(
                RpcEnvelope.callContent(resource("vectors/h2-control-c2s-02-register-call.bin")));

        assertThat(params.auth().secret()).isEqualTo(TunnelSecret.of(SECRET));
        assertThat(params.tunnelId()).isEqualTo(TUNNEL_ID);
        assertThat(params.options().client().version()).isEqualTo("2026.8.2");
    }

    @Test
    void capturedParamsSurviveOurEncodeAndDecode() {
        RegisterConnection.Params captured = RegisterConnection.Params.read(
                RpcEnvelope.callContent(resource("vectors/quic-control-c2s-02-register-call.bin")));

        assertThat(RegisterConnection.Params.decode(captured.encode())).isEqualTo(captured);
    }

    @Test
    void capturedRegisterReturnDecodesToConnectionDetails() {
        RegisterConnection.Results results = RegisterConnection.Results.read(
                RpcEnvelope.returnContent(resource("vectors/quic-control-s2c-02-register-return.bin")));

        assertThat(results.result()).isEqualTo(new ConnectionDetails(CONNECTION_ID, "LOCAL", false));
    }

    @Test
    void ourResultsInsideAReturnEqualTheCapturedCapnpEncodeBytes() {
        RegisterConnection.Results results =
                new RegisterConnection.Results(new ConnectionDetails(CONNECTION_ID, "LOCAL", false));

        assertThat(RpcEnvelope.returnMessage(1, results))
                .hasSize(152)
                .isEqualTo(resource("vectors/quic-control-s2c-02-register-return.bin"));
    }

    @Test
    void connectionErrorRoundTrips() {
        RegisterConnection.Results results = new RegisterConnection.Results(
                new ConnectionError(ConnectionError.DUPLICATE_CONNECTION, Duration.ofSeconds(3), true));

        RegisterConnection.Results decoded = RegisterConnection.Results.decode(results.encode());

        assertThat(decoded).isEqualTo(results);
        assertThat(decoded.result()).isInstanceOf(ConnectionError.class);
    }

    @Test
    void unknownConnectionResponseUnionTagIsADecodeError() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(0, 1).initStruct(0, 1, 1).setShort(0, 7);

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> RegisterConnection.Results.decode(message.toFramedBytes()))
                .withMessage("ConnectionResponse.result union tag 7 is unknown, expected 0 (error) or 1"
                        + " (connectionDetails)");
    }

    @Test
    void uuidOfTheWrongLengthIsADecodeError() {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(0, 1)
                .initStruct(0, 1, 1)
                .setShort(0, 1)
                .initStruct(0, 1, 2)
                .setData(0, new byte[5]);

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> RegisterConnection.Results.decode(message.toFramedBytes()))
                .withMessage("ConnectionDetails.uuid must be a 16-byte UUID, but is 5 bytes");
    }

    @Test
    void paramsWithIpv6AndNoAddressRoundTrip() throws Exception {
        ClientInfo client = new ClientInfo(CONNECTOR_ID, List.of("a", "b"), "1.0", "linux_arm64");
        for (InetAddress ip : new InetAddress[] {InetAddress.getByName("2001:db8::1"), null}) {
            RegisterConnection.Params params = new RegisterConnection.Params(
                    new TunnelAuth("acct", TunnelSecret.of(SECRET)),
                    TUNNEL_ID,
                    3,
                    new ConnectionOptions(client, ip, true, 7, 255));

            assertThat(RegisterConnection.Params.decode(params.encode())).isEqualTo(params);
        }
    }

    @Test
    void emptyMethodStructsAndIdsMatchTheSchema() {
        assertThat(MessageReader.decode(new UnregisterConnection.Params().encode())
                        .root()
                        .dataSizeBits())
                .isZero();
        assertThat(UnregisterConnection.Results.TYPE_ID).isEqualTo(0xb046e578094b1eadL);
        assertThat(RegisterConnection.INTERFACE_ID).isEqualTo(0xf71695ec7fe85497L);
        assertThat(UpdateLocalConfiguration.METHOD_ID).isEqualTo(2);
    }

    @Test
    void toStringOfAuthHidesTheSecret() {
        TunnelAuth auth = new TunnelAuth("acct", TunnelSecret.of(SECRET));

        assertThat(auth.toString()).isEqualTo("TunnelAuth[accountTag=acct, secret=TunnelSecret[redacted]]");
    }
}
