package io.tunnelagent.protocol.stream;

import static io.tunnelagent.protocol.TestBytes.resource;
import static io.tunnelagent.protocol.TestBytes.xxd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectRequestTests {

    /** Protocol doc 4.2, produced by {@code capnp encode}. */
    static final byte[] DOC_VECTOR = xxd("""
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

    static final ConnectRequest DOC_REQUEST = new ConnectRequest(
            "https://app.example.com/a?b=1",
            ConnectionType.HTTP,
            List.of(
                    new Metadata("HttpMethod", "GET"),
                    new Metadata("HttpHost", "app.example.com"),
                    Metadata.header("Accept", "*/*")));

    @Test
    void docVectorDecodesToTheStatedValues() {
        assertThat(ConnectRequest.decode(DOC_VECTOR)).isEqualTo(DOC_REQUEST);
    }

    @Test
    void docVectorIsReEncodedByteForByte() {
        assertThat(DOC_REQUEST.encode()).hasSize(216).isEqualTo(DOC_VECTOR);
    }

    @Test
    void capturedHttpGetRequestDecodes() {
        assertThat(decodeStream("quic-data-http-get-s2c.bin", 0))
                .isEqualTo(new ConnectRequest(
                        "/hello?x=1",
                        ConnectionType.HTTP,
                        List.of(
                                new Metadata("HttpMethod", "GET"),
                                new Metadata("HttpHost", "test.example.com"),
                                Metadata.header("Accept", "*/*"),
                                Metadata.header("User-Agent", "golden/1"))));
    }

    @Test
    void capturedHttpPostRequestDecodesAndLeavesTheBody() {
        ByteBuffer stream = ByteBuffer.wrap(resource("vectors/quic-data-http-post-s2c.bin"));

        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.DATA);
        ConnectRequest request = ConnectRequest.decode(stream, ReaderOptions.DEFAULT);

        assertThat(request)
                .isEqualTo(new ConnectRequest(
                        "/echo",
                        ConnectionType.HTTP,
                        List.of(
                                new Metadata("HttpMethod", "POST"),
                                new Metadata("HttpHost", "test.example.com"),
                                Metadata.header("Content-Type", "application/x-www-form-urlencoded"),
                                Metadata.header("Content-Length", "11"),
                                Metadata.header("User-Agent", "golden/1"))));
        assertThat(stream.position()).isEqualTo(352);
        assertThat(StandardCharsets.US_ASCII.decode(stream).toString()).isEqualTo("hello=world");
    }

    @Test
    void capturedOriginUnreachableAndNoIngressMatchRequestsDecode() {
        assertThat(decodeStream("quic-data-origin-unreachable-s2c.bin", 0))
                .isEqualTo(new ConnectRequest(
                        "/hello",
                        ConnectionType.HTTP,
                        List.of(
                                new Metadata("HttpMethod", "GET"),
                                new Metadata("HttpHost", "down.example.com"),
                                Metadata.header("User-Agent", "golden/1"))));
        assertThat(decodeStream("quic-data-no-ingress-match-s2c.bin", 0))
                .isEqualTo(new ConnectRequest(
                        "/nothing",
                        ConnectionType.HTTP,
                        List.of(
                                new Metadata("HttpMethod", "GET"),
                                new Metadata("HttpHost", "other.example.com"),
                                Metadata.header("User-Agent", "golden/1"))));
    }

    @Test
    void capturedWebSocketRequestDecodes() {
        assertThat(decodeStream("quic-data-websocket-s2c.bin", 19))
                .isEqualTo(new ConnectRequest(
                        "/ws",
                        ConnectionType.WEBSOCKET,
                        List.of(
                                new Metadata("HttpMethod", "GET"),
                                new Metadata("HttpHost", "test.example.com"),
                                Metadata.header("Sec-Websocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                                Metadata.header("Sec-Websocket-Version", "13"),
                                Metadata.header("User-Agent", "golden/1"))));
    }

    @Test
    void capturedRequestsSurviveOurEncodeAndDecode() {
        for (String name : List.of(
                "quic-data-http-get-s2c.bin",
                "quic-data-http-post-s2c.bin",
                "quic-data-origin-unreachable-s2c.bin",
                "quic-data-no-ingress-match-s2c.bin",
                "quic-data-websocket-s2c.bin")) {
            ConnectRequest captured = ConnectRequest.decode(
                    ByteBuffer.wrap(resource("vectors/" + name)).position(8), ReaderOptions.DEFAULT);

            assertThat(ConnectRequest.decode(captured.encode())).as(name).isEqualTo(captured);
        }
    }

    @Test
    void unknownConnectionTypeIsADecodeError() {
        byte[] bytes = DOC_VECTOR.clone();
        bytes[16] = 3;

        assertThatExceptionOfType(CapnpDecodeException.class)
                .isThrownBy(() -> ConnectRequest.decode(bytes))
                .withMessage("Unknown ConnectionType 3, expected 0 (http), 1 (websocket) or 2 (tcp)");
    }

    @Test
    void everyConnectionTypeRoundTrips() {
        for (ConnectionType type : ConnectionType.values()) {
            ConnectRequest request = new ConnectRequest("127.0.0.1:22", type, List.of());

            assertThat(ConnectRequest.decode(request.encode())).isEqualTo(request);
        }
    }

    private static ConnectRequest decodeStream(String name, int bodyLength) {
        byte[] bytes = resource("vectors/" + name);
        ByteBuffer stream = ByteBuffer.wrap(bytes);
        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.DATA);
        ConnectRequest request = ConnectRequest.decode(stream, ReaderOptions.DEFAULT);
        assertThat(stream.remaining()).as("body length of %s", name).isEqualTo(bodyLength);
        assertThat(Arrays.copyOfRange(bytes, 0, 8)).isEqualTo(StreamSignature.DATA.preamble());
        return request;
    }
}
