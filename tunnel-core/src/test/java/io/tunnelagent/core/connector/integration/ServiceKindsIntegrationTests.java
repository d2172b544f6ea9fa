package io.tunnelagent.core.connector.integration;

import static io.tunnelagent.core.connector.integration.TunnelFixture.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.metrics.TunnelMeter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every service kind end to end over every transport: visitor → local edge → connector → origin and back.
 */
class ServiceKindsIntegrationTests {

    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    final TunnelFixture fixture = new TunnelFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersAndServesGetsOnOneKeptAliveVisitorConnection(Transport transport) throws Exception {
        TunnelConnector connector = this.fixture.started(transport);

        assertThat(connector.readiness().ready()).isTrue();
        ConnectionInfo info = connector.connections().get(0);
        assertThat(info.protocol()).isEqualTo(transport.protocol);
        assertThat(info.location()).isNotEmpty();
        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Response first = visitor.get(host("app"), "/hello");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("hello /hello");
            assertThat(visitor.get(host("app"), "/again").text()).isEqualTo("hello /again");
        }
        MeterRegistry meters = this.fixture.meters(connector);
        assertThat(meters.get(TunnelMeter.HA_CONNECTIONS.meterName()).gauge().value())
                .isEqualTo(1);
        assertThat(meters.get(TunnelMeter.REGISTER_SUCCESS.meterName())
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get(TunnelMeter.TOTAL_REQUESTS.meterName()).counter().count())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void postBodyReachesTheOriginAndComesBack(Transport transport) throws Exception {
        this.fixture.started(transport);

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Response response =
                    visitor.exchange("POST", host("app"), "/echo", "hello=world".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello=world");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void chunkedUploadOfUnknownLengthReachesTheOrigin(Transport transport) throws Exception {
        this.fixture.started(transport);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            chunks.add(("chunk " + i + " of an upload of unknown length;")
                    .repeat(40)
                    .getBytes(StandardCharsets.UTF_8));
        }

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Response response = visitor.postChunked(host("app"), "/echo", chunks);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(concat(chunks));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenMebibyteBodyIsEchoedIntact(Transport transport) throws Exception {
        this.fixture.started(transport);
        byte[] body = new byte[(int) (10 * MIB)];
        new Random(5).nextBytes(body);

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Response response = visitor.exchange("POST", host("app"), "/echo", body);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    /** Over Netty QUIC only: 22 to 46 s per transport on the shared machine (see the README). */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = "NETTY_QUIC")
    void hundredMebibyteDownloadStreamsWithBoundedMemory(Transport transport) throws Exception {
        this.fixture.started(transport);
        long size = 100 * MIB;
        long[] peak = {allocatedBytes()};
        long start = System.nanoTime();

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Head head = visitor.download(host("app"), "/download?bytes=" + size, (buffer, length, offset) -> {
                for (int i = 0; i < length; i++) {
                    if (buffer[i] != (byte) TestOrigins.PatternInput.at(offset + i)) {
                        throw new IOException("Byte " + (offset + i) + " differs");
                    }
                }
                if ((offset / (64 * 1024)) % 16 == 0) {
                    peak[0] = Math.max(peak[0], allocatedBytes());
                }
            });
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(Long.toString(size));
        }
        System.out.printf(
                "%s: 100 MiB in %d ms, Netty allocator peak %d MiB%n",
                transport, (System.nanoTime() - start) / 1_000_000, peak[0] / MIB);
        assertThat(peak[0]).isLessThan(64 * MIB);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void webSocketToAnHttpOriginIsEchoed(Transport transport) throws Exception {
        this.fixture.started(transport);

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Head head = visitor.upgrade(host("app"), "/ws");
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.header("upgrade")).isEqualToIgnoringCase("websocket");
            visitor.sendFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8));
            Visitor.Frame echo = visitor.readFrame();
            assertThat(echo.opcode()).isEqualTo(0x1);
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
            visitor.sendFrame(0x8, new byte[] {0x03, (byte) 0xe8});
            assertThat(visitor.readFrame().opcode()).isEqualTo(0x8);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sshStyleTcpOverWebSocketIsTerminatedByTheConnectorAndEchoed(Transport transport) throws Exception {
        this.fixture.started(transport);
        byte[] banner = "SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII);

        try (Visitor visitor = this.fixture.visitor()) {
            Visitor.Head head = visitor.upgrade(host("ssh"), "/");
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            visitor.sendFrame(0x2, banner);
            Visitor.Frame echo = visitor.readFrame();
            assertThat(echo.opcode()).isEqualTo(0x2);
            assertThat(echo.payload()).isEqualTo(banner);
            visitor.sendFrame(0x8, new byte[] {0x03, (byte) 0xe8});
            Visitor.Frame close = visitor.readFrame();
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.payload()).containsExactly(0x03, 0xe8);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unixSocketOriginIsServed(Transport transport) throws Exception {
        this.fixture.started(transport);

        Visitor.Response response = this.fixture.get("unix", "/over-unix");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("hello /over-unix");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void httpStatusServiceAnswersItsStatusAndNoBody(Transport transport) throws Exception {
        this.fixture.started(transport);

        Visitor.Response teapot = this.fixture.get("teapot", "/");
        Visitor.Response unmatched = this.fixture.get("nothing", "/");

        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.body()).isEmpty();
        assertThat(unmatched.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void helloWorldServiceServesItsPage(Transport transport) throws Exception {
        this.fixture.started(transport);

        Visitor.Response response = this.fixture.get("hello", "/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.head().header("content-type")).startsWith("text/html");
        assertThat(response.text()).contains("Hello Cloudflare Tunnel");
    }

    private static long allocatedBytes() {
        var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return metric.usedDirectMemory() + metric.usedHeapMemory();
    }

    private static byte[] concat(List<byte[]> chunks) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
