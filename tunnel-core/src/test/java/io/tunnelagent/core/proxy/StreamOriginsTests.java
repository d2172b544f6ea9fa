package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.request;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream-based origins: TCP over a connector-terminated WebSocket, bastion, and WARP TCP streams. */
class StreamOriginsTests {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void sshOriginAnswersTheUpgradeAndPipesFramePayloadsToTcp() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(websocket("ssh.example.com"));

        var done = this.fixture.proxy(stream, rules(rule(null, "ssh://127.0.0.1:" + echo)));
        ConnectResponse response = stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stream.send(masked(0x82, "SSH-2.0-test\r\n"));
        awaitBody(stream, 2 + 14);
        stream.send(masked(0x88, new byte[] {0x03, (byte) 0xe8}));

        assertThat(response.metadata())
                .containsExactlyInAnyOrder(
                        new Metadata("HttpStatus", "101"),
                        Metadata.header("Connection", "Upgrade"),
                        Metadata.header("Sec-Websocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                        Metadata.header("Upgrade", "websocket"));
        assertThat(done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).error()).isEmpty();
        assertThat(HexFormat.of().formatHex(stream.bodyBytes()))
                .isEqualTo("820e" + hex("SSH-2.0-test\r\n") + "880203e8");
    }

    @Test
    void fragmentedFramesAreJoinedAndPingsAnsweredWithPongs() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(websocket("tcp.example.com"));

        this.fixture.proxy(stream, rules(rule(null, "tcp://127.0.0.1:" + echo)));
        stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stream.send(masked(0x02, "abc"));
        stream.send(masked(0x89, "hi"));
        stream.send(masked(0x80, "def"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!(payloads(stream.bodyBytes(), 0).equals("abcdef") && stream.bodyByteCount() >= 12)
                && System.nanoTime() < deadline) {
            stream.awaitBodyBytes(stream.bodyByteCount() + 1, java.time.Duration.ofNanos(deadline - System.nanoTime()));
        }

        String body = HexFormat.of().formatHex(stream.bodyBytes());
        assertThat(body).contains("8a02" + hex("hi"));
        assertThat(payloads(stream.bodyBytes(), 0)).isEqualTo("abcdef");
    }

    @Test
    void bastionDialsTheJumpDestinationWithoutSchemeAndPath() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(
                websocket("bastion.example.com", "Cf-Access-Jump-Destination", "tcp://127.0.0.1:" + echo + "/ignored"));

        this.fixture.proxy(stream, rules(rule(null, "bastion")));
        assertThat(stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).error())
                .isEmpty();
        stream.send(masked(0x82, "jump"));
        awaitBody(stream, 6);

        assertThat(payloads(stream.bodyBytes(), 0)).isEqualTo("jump");
    }

    @Test
    void bastionWithoutDestinationGetsCloudflaredsText() throws Exception {
        MemoryDataStream stream = this.fixture.stream(websocket("bastion.example.com"));

        this.fixture.exchange(stream, rules(rule(null, "bastion")));

        assertThat(stream.response().get().error())
                .isEqualTo("Did not receive final destination from client. The --destination flag is likely not set"
                        + " on the client side");
    }

    @Test
    void warpTcpStreamIsAcknowledgedAndPipedUntilTheOriginCloses() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(
                new ConnectRequest("127.0.0.1:" + echo, ConnectionType.TCP, List.of(new Metadata("FlowID", "1"))));

        var done = this.fixture.proxy(stream, rules(rule(null, "http_status:404")));
        assertThat(stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new ConnectResponse("", List.of()));
        stream.send("private network");
        stream.endInput();

        ProxyResult result = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stream.bodyText()).isEqualTo("private network");
        assertThat(result.ruleIndex()).isEqualTo(-1);
        assertThat(result.error()).isEmpty();
        stream.outputEnded().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void warpTcpStreamToAHostNameIsRefused() throws Exception {
        MemoryDataStream stream =
                this.fixture.stream(new ConnectRequest("example.com:22", ConnectionType.TCP, List.of()));

        this.fixture.exchange(stream, rules(rule(null, "http_status:404")));

        assertThat(stream.response().get().error()).contains("example.com:22").contains("literal IP:port");
    }

    @Test
    void unreachableTcpOriginIsReportedBeforeTheUpgrade() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MemoryDataStream stream = this.fixture.stream(websocket("ssh.example.com"));

        this.fixture.exchange(stream, rules(rule(null, "ssh://127.0.0.1:" + closed)));

        assertThat(stream.response().get().error())
                .endsWith("dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
    }

    static ConnectRequest websocket(String host, String... extraHeaders) {
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = "Sec-WebSocket-Key";
        headers[1] = KEY;
        headers[2] = "Sec-WebSocket-Version";
        headers[3] = "13";
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return request(ConnectionType.WEBSOCKET, "GET", host, "/", headers);
    }

    static byte[] masked(int firstByte, String payload) {
        return masked(firstByte, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] masked(int firstByte, byte[] payload) {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /** Concatenates the payloads of the unmasked binary/continuation frames in {@code bytes}, from {@code offset}. */
    static String payloads(byte[] bytes, int offset) {
        StringBuilder result = new StringBuilder();
        int i = offset;
        while (i + 2 <= bytes.length) {
            int opcode = bytes[i] & 0x0F;
            int length = bytes[i + 1] & 0x7F;
            if (opcode <= 2) {
                result.append(new String(bytes, i + 2, length, StandardCharsets.UTF_8));
            }
            i += 2 + length;
        }
        return result.toString();
    }

    private static void awaitBody(MemoryDataStream stream, int bytes) throws InterruptedException {
        assertThat(stream.awaitBodyBytes(bytes, TIMEOUT))
                .as("%d response bytes in time", bytes)
                .isTrue();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
