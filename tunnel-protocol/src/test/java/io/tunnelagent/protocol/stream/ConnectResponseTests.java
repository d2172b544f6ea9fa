package io.tunnelagent.protocol.stream;

import static io.tunnelagent.protocol.TestBytes.resource;
import static io.tunnelagent.protocol.TestBytes.xxd;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.capnp.ReaderOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectResponseTests {

    /** Protocol doc 4.2, produced by {@code capnp encode}. */
    static final byte[] DOC_VECTOR = xxd("""
            00000000: 00000000 10000000 00000000 00000200  ................
            00000010: 00000000 00000000 01000000 27000000  ............'...
            00000020: 08000000 00000200 0d000000 5a000000  ............Z...
            00000030: 11000000 22000000 11000000 c2000000  ...."...........
            00000040: 19000000 5a000000 48747470 53746174  ....Z...HttpStat
            00000050: 75730000 00000000 32303000 00000000  us......200.....
            00000060: 48747470 48656164 65723a43 6f6e7465  HttpHeader:Conte
            00000070: 6e742d54 79706500 74657874 2f706c61  nt-Type.text/pla
            00000080: 696e0000 00000000                    in......
            """);

    static final ConnectResponse DOC_RESPONSE = new ConnectResponse(
            "", List.of(new Metadata("HttpStatus", "200"), Metadata.header("Content-Type", "text/plain")));

    @Test
    void docVectorDecodesToTheStatedValues() {
        ConnectResponse response = ConnectResponse.decode(DOC_VECTOR);

        assertThat(response).isEqualTo(DOC_RESPONSE);
        assertThat(response.isError()).isFalse();
    }

    @Test
    void docVectorIsReEncodedByteForByte() {
        assertThat(DOC_RESPONSE.encode()).hasSize(136).isEqualTo(DOC_VECTOR);
    }

    @Test
    void capturedHttpGetResponseDecodesWithItsBody() {
        ByteBuffer stream = ByteBuffer.wrap(resource("vectors/quic-data-http-get-c2s.bin"));
        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.DATA);

        ConnectResponse response = ConnectResponse.decode(stream, ReaderOptions.DEFAULT);

        assertThat(response.error()).isEmpty();
        assertThat(response.metadata())
                .containsExactlyInAnyOrder(
                        new Metadata("HttpStatus", "200"),
                        Metadata.header("Content-Length", "13"),
                        Metadata.header("X-Golden", "1"),
                        Metadata.header("Content-Type", "text/plain; charset=utf-8"));
        assertThat(StandardCharsets.US_ASCII.decode(stream).toString()).isEqualTo("hello golden\n");
    }

    @Test
    void capturedHttpPostResponseDecodesWithItsBody() {
        ByteBuffer stream = stream("quic-data-http-post-c2s.bin");

        ConnectResponse response = ConnectResponse.decode(stream, ReaderOptions.DEFAULT);

        assertThat(response.metadata())
                .containsExactlyInAnyOrder(
                        new Metadata("HttpStatus", "200"),
                        Metadata.header("Content-Length", "17"),
                        Metadata.header("X-Golden", "1"),
                        Metadata.header("Content-Type", "text/plain; charset=utf-8"));
        assertThat(StandardCharsets.US_ASCII.decode(stream).toString()).isEqualTo("echo:hello=world\n");
    }

    @Test
    void capturedErrorResponseHasNoMetadata() {
        ByteBuffer stream = stream("quic-data-origin-unreachable-c2s.bin");

        ConnectResponse response = ConnectResponse.decode(stream, ReaderOptions.DEFAULT);

        assertThat(response.isError()).isTrue();
        assertThat(response.error())
                .isEqualTo("Unable to reach the origin service. The service may be down or it may not be responding"
                        + " to traffic from cloudflared: dial tcp 127.0.0.1:9: connect: connection refused");
        assertThat(response.metadata()).isEmpty();
        assertThat(stream.hasRemaining()).isFalse();
    }

    @Test
    void capturedStatusOnlyAndWebSocketResponsesDecode() {
        assertThat(ConnectResponse.decode(stream("quic-data-no-ingress-match-c2s.bin"), ReaderOptions.DEFAULT))
                .isEqualTo(new ConnectResponse("", List.of(new Metadata("HttpStatus", "404"))));
        ByteBuffer websocket = stream("quic-data-websocket-c2s.bin");
        assertThat(ConnectResponse.decode(websocket, ReaderOptions.DEFAULT).metadata())
                .containsExactlyInAnyOrder(
                        new Metadata("HttpStatus", "101"),
                        Metadata.header("Sec-Websocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                        Metadata.header("Upgrade", "websocket"),
                        Metadata.header("Connection", "Upgrade"));
        assertThat(websocket.remaining()).isEqualTo(11);
    }

    @Test
    void capturedResponsesSurviveOurEncodeAndDecode() {
        for (String name : List.of(
                "quic-data-http-get-c2s.bin",
                "quic-data-http-post-c2s.bin",
                "quic-data-origin-unreachable-c2s.bin",
                "quic-data-no-ingress-match-c2s.bin",
                "quic-data-websocket-c2s.bin")) {
            ConnectResponse captured = ConnectResponse.decode(stream(name), ReaderOptions.DEFAULT);

            assertThat(ConnectResponse.decode(captured.encode())).as(name).isEqualTo(captured);
        }
    }

    @Test
    void errorResponseIsEncodedLikeCloudflaredWithANullMetadataPointer() {
        byte[] captured = resource("vectors/quic-data-origin-unreachable-c2s.bin");
        ConnectResponse response =
                ConnectResponse.decode(stream("quic-data-origin-unreachable-c2s.bin"), ReaderOptions.DEFAULT);

        assertThat(response.encode()).isEqualTo(Arrays.copyOfRange(captured, 8, captured.length));
    }

    private static ByteBuffer stream(String name) {
        ByteBuffer stream = ByteBuffer.wrap(resource("vectors/" + name));
        assertThat(StreamSignature.readPreamble(stream)).contains(StreamSignature.DATA);
        return stream;
    }
}
