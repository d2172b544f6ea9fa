package io.tunnelagent.protocol;

import static io.tunnelagent.protocol.TestBytes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.registration.ClientInfo;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.registration.ConnectionOptions;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.TunnelAuth;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks our encoder and decoder with the reference implementation's {@code capnp encode} and {@code capnp
 * decode}, using schemas written from the protocol doc's tables ({@code src/test/resources/capnp}).
 */
class CapnpReferenceToolTests {

    private static final String METADATA_SCHEMA = "quic_metadata_protocol.capnp";
    private static final String RPC_SCHEMA = "tunnelrpc.capnp";

    private static CapnpTool capnp;

    @BeforeAll
    static void locateTool() {
        capnp = CapnpTool.locate();
    }

    @Test
    void ourConnectRequestDecodesInCapnpFieldByField() {
        ConnectRequest request = new ConnectRequest(
                "https://app.example.com/a?b=1",
                ConnectionType.HTTP,
                List.of(
                        new Metadata("HttpMethod", "GET"),
                        new Metadata("HttpHost", "app.example.com"),
                        Metadata.header("Accept", "*/*")));

        assertThat(capnp.decode(METADATA_SCHEMA, "ConnectRequest", request.encode()))
                .isEqualTo(CapnpTool.normalize("(dest = \"https://app.example.com/a?b=1\", type = http, metadata = ["
                        + "(key = \"HttpMethod\", val = \"GET\"), (key = \"HttpHost\", val = \"app.example.com\"),"
                        + " (key = \"HttpHeader:Accept\", val = \"*/*\")])"));
    }

    @Test
    void ourConnectResponsesDecodeInCapnp() {
        ConnectResponse ok = new ConnectResponse(
                "", List.of(new Metadata("HttpStatus", "200"), Metadata.header("Content-Type", "text/plain")));
        ConnectResponse error = new ConnectResponse("dial tcp 127.0.0.1:9: connect: connection refused", List.of());

        assertThat(capnp.decode(METADATA_SCHEMA, "ConnectResponse", ok.encode()))
                .isEqualTo(CapnpTool.normalize("(metadata = [(key = \"HttpStatus\", val = \"200\"),"
                        + " (key = \"HttpHeader:Content-Type\", val = \"text/plain\")])"));
        assertThat(capnp.decode(METADATA_SCHEMA, "ConnectResponse", error.encode()))
                .isEqualTo(CapnpTool.normalize("(error = \"dial tcp 127.0.0.1:9: connect: connection refused\")"));
    }

    @Test
    void ourRegisterConnectionParamsDecodeInCapnpToTheCapturedText() throws Exception {
        RegisterConnection.Params captured = capturedParams();

        assertThat(capnp.decode(RPC_SCHEMA, "RegisterConnectionParams", captured.encode()))
                .isEqualTo(CapnpTool.normalize(
                        new String(resource("capnp/register-connection-params.txt"), StandardCharsets.UTF_8)));
    }

    @Test
    void capnpEncodedConnectRequestDecodesWithOursAndEqualsOurBytes() {
        byte[] bytes = capnp.encode(
                METADATA_SCHEMA,
                "ConnectRequest",
                "(dest = \"/ws\", type = websocket, metadata = [(key = \"HttpMethod\", val = \"GET\"),"
                        + " (key = \"HttpHeader:Sec-Websocket-Key\", val = \"dGhlIHNhbXBsZSBub25jZQ==\")])");
        ConnectRequest expected = new ConnectRequest(
                "/ws",
                ConnectionType.WEBSOCKET,
                List.of(
                        new Metadata("HttpMethod", "GET"),
                        Metadata.header("Sec-Websocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));

        assertThat(ConnectRequest.decode(bytes)).isEqualTo(expected);
        assertThat(expected.encode()).isEqualTo(bytes);
    }

    @Test
    void capnpEncodedConnectResponseDecodesWithOurs() {
        byte[] bytes = capnp.encode(
                METADATA_SCHEMA, "ConnectResponse", "(metadata = [(key = \"HttpStatus\", val = \"404\")])");

        assertThat(ConnectResponse.decode(bytes))
                .isEqualTo(new ConnectResponse("", List.of(new Metadata("HttpStatus", "404"))));
    }

    @Test
    void capnpEncodedRegisterConnectionParamsDecodeWithOursAndEqualOurBytes() throws Exception {
        RegisterConnection.Params captured = capturedParams();
        HexFormat hex = HexFormat.of();
        String text = "(auth = (accountTag = \"ac1596cd251d5ed30c78646e5914a4fd\", tunnelSecret = 0x\""
                + hex.formatHex(captured.auth().secret().bytes()) + "\"), tunnelId = 0x\""
                + "fc452cc6280f42f5a51c2bc0ce093d5e\", connIndex = 0, options = (client = (clientId = 0x\""
                + "155493d0c0d3454c970127a28fd68d47\", features = [\"allow_remote_config\", \"serialized_headers\","
                + " \"support_datagram_v2\", \"support_quic_eof\", \"management_logs\"], version = \"2026.8.2\","
                + " arch = \"linux_amd64\"), originLocalIp = 0x\"00000000000000000000ffff7f000001\","
                + " replaceExisting = false, compressionQuality = 0, numPreviousAttempts = 0))";

        byte[] bytes = capnp.encode(RPC_SCHEMA, "RegisterConnectionParams", text);

        assertThat(RegisterConnection.Params.decode(bytes)).isEqualTo(captured);
        assertThat(captured.encode()).isEqualTo(bytes);
    }

    @Test
    void unionAndDefaultsAgreeWithCapnp() throws Exception {
        RegisterConnection.Results error =
                new RegisterConnection.Results(new ConnectionError("EDUPCONN", Duration.ofNanos(1_500_000_000L), true));
        RegisterConnection.Results details = new RegisterConnection.Results(
                new ConnectionDetails(UUID.fromString("7e5c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"), "LOCAL", false));
        RegisterUdpSession.Params session = new RegisterUdpSession.Params(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                InetAddress.getByName("192.0.2.1"),
                53,
                Duration.ofSeconds(2),
                "");

        assertThat(capnp.decode(RPC_SCHEMA, "RegisterConnectionResults", error.encode()))
                .isEqualTo(CapnpTool.normalize(
                        "(result = (result = (error = (cause = \"EDUPCONN\", retryAfter = 1500000000,"
                                + " shouldRetry = true))))"));
        assertThat(capnp.decode(RPC_SCHEMA, "RegisterConnectionResults", details.encode()))
                .isEqualTo(CapnpTool.normalize(
                        "(result = (result = (connectionDetails = (uuid = \"~\\\\\\032+<MN_\\212k|\\215\\236\\017"
                                + "\\032+\", locationName = \"LOCAL\", tunnelIsRemotelyManaged = false))))"));
        assertThat(capnp.decode(RPC_SCHEMA, "RegisterUdpSessionParams", session.encode()))
                .isEqualTo(CapnpTool.normalize(
                        "(sessionId = \"\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000"
                                + "\\000\\001\", dstIp = \"\\300\\000\\002\\001\", dstPort = 53,"
                                + " closeAfterIdleHint = 2000000000)"));
        assertThat(UpdateConfiguration.Results.decode(capnp.encode(
                                RPC_SCHEMA, "UpdateConfigurationResults", "(result = (latestAppliedVersion = 4))"))
                        .result())
                .isEqualTo(new UpdateConfigurationResponse(4, ""));
    }

    private static RegisterConnection.Params capturedParams() throws Exception {
        return new RegisterConnection.Params(
                new TunnelAuth(
                        "ac1596cd251d5ed30c78646e5914a4fd",
                        TunnelSecret.of(HexFormat.of()
                                .parseHex("63f3de09125ba0a00de1d52a58694229dd09d825f325cb6c737f65b292eea10b"))),
                UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e"),
                0,
                new ConnectionOptions(
                        new ClientInfo(
                                UUID.fromString("155493d0-c0d3-454c-9701-27a28fd68d47"),
                                List.of(
                                        "allow_remote_config",
                                        "serialized_headers",
                                        "support_datagram_v2",
                                        "support_quic_eof",
                                        "management_logs"),
                                "2026.8.2",
                                "linux_amd64"),
                        InetAddress.getByAddress(HexFormat.of().parseHex("00000000000000000000ffff7f000001")),
                        false,
                        0,
                        0));
    }
}
