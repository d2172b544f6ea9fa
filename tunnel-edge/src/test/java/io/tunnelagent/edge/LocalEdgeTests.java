package io.tunnelagent.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** End-to-end: a test connector registers over HTTP/2 and visitors reach its origin through the edge. */
@ExtendWith(LeakCheck.class)
class LocalEdgeTests {

    @TempDir
    Path state;

    private LocalEdge edge;
    private ScheduledExecutorService scheduler;
    private final java.util.Map<TransportProtocol, EdgeDialer> dialers =
            new java.util.EnumMap<>(TransportProtocol.class);
    private TransportProtocol protocol = TransportProtocol.HTTP2;
    private final List<TestConnector> connectors = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startEdge() {
        edge = TestEdges.ephemeral(state)
                .responseTimeout(Duration.ofSeconds(2))
                .gracePeriod(Duration.ofSeconds(10))
                .start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopEdge() {
        connectors.forEach(TestConnector::close);
        dialers.values().forEach(EdgeDialer::close);
        edge.close();
        scheduler.shutdownNow();
    }

    private TestConnector connector(TestOrigin origin) throws Exception {
        EdgeDialer dialer = dialers.computeIfAbsent(protocol, this::dialer);
        TestConnector connector = new TestConnector(dialer, scheduler, origin).connect(edge.edgeAddress());
        connectors.add(connector);
        return connector;
    }

    private EdgeDialer dialer(TransportProtocol transport) {
        if (transport == TransportProtocol.HTTP2) {
            return TestEdges.http2Dialer(edge);
        }
        return QuicTransports.dialer(
                QuicImplementation.NETTY, EdgeTrust.of(edge.caCertificate()), QuicSettings.connector(), null);
    }

    private TestConnector registered(Tunnel tunnel, TestOrigin origin, int connIndex, UUID connectorId)
            throws Exception {
        TestConnector connector = connector(origin);
        assertThat(connector.register(tunnel, connIndex, connectorId)).isInstanceOf(ConnectionDetails.class);
        return connector;
    }

    /** Routes {@code app.localhost} to a tunnel with one connection over the transport, origin "one". */
    private void serving(TransportProtocol transport) throws Exception {
        protocol = transport;
        Tunnel tunnel = edge.createTunnel("app", "app.localhost");
        registered(tunnel, new TestOrigin("one"), 0, UUID.randomUUID());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request("app.localhost", path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.visitorAddress().getPort() + path))
                .header("Host", host)
                .timeout(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void getThroughTheTunnelReachesTheOriginAndBack(TransportProtocol transport) throws Exception {
        serving(transport);
        HttpResponse<String> response = get("/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
        assertThat(response.headers().firstValue("X-Origin")).hasValue("one");
        assertThat(response.headers().firstValue("Cf-Ray"))
                .hasValueSatisfying(ray -> assertThat(ray).endsWith("-LOCAL"));
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void connectRequestCarriesMethodHostHeadersAndCloudflareHeaders(TransportProtocol transport) throws Exception {
        protocol = transport;
        Tunnel tunnel = edge.createTunnel("app", "*.example.test");
        registered(tunnel, new TestOrigin("one"), 0, UUID.randomUUID());
        HttpResponse<String> response = http.send(
                request("api.example.test:8080", "/headers?q=1")
                        .header("X-Multi", "a")
                        .header("X-Multi", "b")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body())
                .contains("dest=/headers?q=1", "HttpMethod=GET", "HttpHost=api.example.test:8080")
                .contains("HttpHeader:X-Multi=a", "HttpHeader:X-Multi=b", "HttpHeader:Cf-Connecting-Ip=127.0.0.1")
                .contains("HttpHeader:X-Forwarded-For=127.0.0.1", "HttpHeader:X-Forwarded-Proto=http")
                .containsPattern("HttpHeader:Cf-Ray=[0-9a-f]{16}-LOCAL");
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void postWithATenMebibyteBodyIsStreamedToTheOrigin(TransportProtocol transport) throws Exception {
        serving(transport);
        byte[] body = new byte[10 * 1024 * 1024];
        new Random(1).nextBytes(body);
        HttpResponse<String> response = http.send(
                request("app.localhost", "/digest")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("bytes=" + body.length + " sha256="
                        + java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(body)));
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void chunkedUploadIsForwarded(TransportProtocol transport) throws Exception {
        serving(transport);
        byte[] body = "chunked body of unknown length".repeat(1000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = http.send(
                request("app.localhost", "/echo")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void hundredMebibyteDownloadIsStreamed(TransportProtocol transport) throws Exception {
        protocol = transport;
        long size = 100L * 1024 * 1024;
        Tunnel tunnel = edge.createTunnel("app", "app.localhost");
        registered(tunnel, new TestOrigin("one"), 0, UUID.randomUUID());
        HttpResponse<InputStream> response = http.send(
                request("app.localhost", "/download?bytes=" + size).build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Long> total = CompletableFuture.supplyAsync(() -> drain(response.body()));
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Long.toString(size));
        assertThat(total.get(60, TimeUnit.SECONDS)).isEqualTo(size);
    }

    private static long drain(InputStream body) {
        long total = 0;
        try (InputStream in = body) {
            byte[] buffer = new byte[256 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return total;
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void requestsAreSpreadOverFourConnectionsOfTwoConnectors(TransportProtocol transport) throws Exception {
        protocol = transport;
        Tunnel tunnel = edge.createTunnel("app", "app.localhost");
        List<TestOrigin> origins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestOrigin origin = new TestOrigin("conn" + i);
            origins.add(origin);
            registered(tunnel, origin, i % 2, new UUID(0, i / 2));
        }
        for (int i = 0; i < 16; i++) {
            assertThat(get("/hello").statusCode()).isEqualTo(200);
        }
        assertThat(origins).allSatisfy(origin -> assertThat(origin.served.get()).isEqualTo(4));
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void unregisteredConnectionFinishesItsInFlightRequestAndTakesNoNewOnes(TransportProtocol transport)
            throws Exception {
        protocol = transport;
        Tunnel tunnel = edge.createTunnel("app", "app.localhost");
        TestOrigin draining = new TestOrigin("draining");
        TestConnector first = registered(tunnel, draining, 0, UUID.randomUUID());
        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(request("app.localhost", "/gate").build(), HttpResponse.BodyHandlers.ofString());
        draining.gateReached.get(10, TimeUnit.SECONDS);
        TestOrigin fresh = new TestOrigin("fresh");
        registered(tunnel, fresh, 1, UUID.randomUUID());
        first.unregister();
        assertThat(get("/hello").headers().firstValue("X-Origin")).hasValue("fresh");
        assertThat(first.connection().closeFuture()).isNotDone();
        draining.gate.complete(null);
        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("gate open");
        first.connection().closeFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void webSocketUpgradeBecomesARawBytePipe(TransportProtocol transport) throws Exception {
        serving(transport);
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", edge.visitorAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: app.localhost\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101");
            byte[] frame = {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'h' ^ 1, 'e' ^ 2, 'l' ^ 3, 'l' ^ 4, 'o' ^ 1};
            socket.getOutputStream().write(frame);
            assertThat(socket.getInputStream().readNBytes(frame.length)).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void originErrorGetsA502PageWithWhatTheConnectorReported(TransportProtocol transport) throws Exception {
        serving(transport);
        HttpResponse<String> failed = get("/fail");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body())
                .contains("Origin error")
                .contains(
                        transport == TransportProtocol.QUIC
                                ? "connect: connection refused"
                                : "Over HTTP/2 cloudflared reports no reason");
        HttpResponse<String> limited = get("/limited");
        assertThat(limited.statusCode()).isEqualTo(502);
        assertThat(limited.body()).contains("flow limiter");
    }

    static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void edgeListensForQuicAndHttp2OnOnePortOnLoopback() {
        assertThat(edge.quicEnabled()).isTrue();
        assertThat(edge.edgeAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void httpsVisitorNegotiatesHttp11OrH2ByAlpn(HttpClient.Version version) throws Exception {
        Tunnel tunnel = edge.createTunnel("app", "localhost");
        registered(tunnel, new TestOrigin("one"), 0, UUID.randomUUID());
        HttpClient https = HttpClient.newBuilder()
                .version(version)
                .sslContext(TestEdges.trusting(edge))
                .build();
        HttpResponse<String> response = https.send(
                HttpRequest.newBuilder(URI.create(
                                "https://localhost:" + edge.visitorTlsAddress().getPort() + "/headers"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(version);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("HttpHeader:X-Forwarded-Proto=https", "HttpHost=localhost:");
    }
}
