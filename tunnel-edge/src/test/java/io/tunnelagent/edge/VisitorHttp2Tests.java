package io.tunnelagent.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 visitors (h2c with prior knowledge, TLS with ALPN {@code h2}) reach a test connector's origin through the
 * edge exactly like HTTP/1.1 visitors.
 */
class VisitorHttp2Tests {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path state;

    private LocalEdge edge;
    private ScheduledExecutorService scheduler;
    private Http2EdgeDialer dialer;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startEdge() {
        edge = TestEdges.ephemeral(state)
                .quic(false)
                .responseTimeout(Duration.ofSeconds(3))
                .start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        dialer = TestEdges.http2Dialer(edge);
    }

    @AfterEach
    void stopEdge() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        dialer.close();
        edge.close();
        scheduler.shutdownNow();
    }

    private TestOrigin connected(String hostname) throws Exception {
        Tunnel tunnel = edge.createTunnel("app", hostname);
        TestOrigin origin = new TestOrigin("one");
        TestConnector connector = new TestConnector(dialer, scheduler, origin).connect(edge.edgeAddress());
        closeables.add(connector);
        assertThat(connector.register(tunnel, 0, UUID.randomUUID())).isInstanceOf(ConnectionDetails.class);
        return origin;
    }

    private H2Visitor h2c() {
        H2Visitor visitor = H2Visitor.plain(edge.visitorAddress());
        closeables.add(0, visitor);
        return visitor;
    }

    @Test
    void h2cRequestBecomesTheSameConnectRequestAsAnHttp11One() throws Exception {
        connected("app.localhost");
        H2Visitor visitor = h2c();
        Http2Headers headers = visitor.headers("GET", "app.localhost", "/headers?q=1")
                .add("x-multi", "a")
                .add("x-multi", "b")
                .add("x-forwarded-for", "203.0.113.9")
                .add("cf-ray", "forged");
        H2Visitor.Response response = visitor.request(headers, true, true);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.head.get().get("x-origin")).hasToString("one");
        assertThat(response.head.get().get("cf-ray").toString()).endsWith("-LOCAL");
        assertThat(response.text())
                .contains("dest=/headers?q=1", "HttpMethod=GET", "HttpHost=app.localhost")
                .contains("HttpHeader:X-Multi=a", "HttpHeader:X-Multi=b", "HttpHeader:Cf-Connecting-Ip=127.0.0.1")
                .contains("HttpHeader:X-Forwarded-For=203.0.113.9, 127.0.0.1", "HttpHeader:X-Forwarded-Proto=http")
                .containsPattern("HttpHeader:Cf-Ray=[0-9a-f]{16}-LOCAL")
                .doesNotContain("forged", "x-http2-", "HttpHeader::");
    }

    @Test
    void tenMebibytePostIsStreamedToTheOriginAndBack() throws Exception {
        connected("app.localhost");
        H2Visitor visitor = h2c();
        byte[] body = new byte[10 * MIB];
        new Random(1).nextBytes(body);
        H2Visitor.Response response = visitor.request(
                visitor.headers("POST", "app.localhost", "/echo").setInt("content-length", body.length), false, true);
        response.send(body, 16 * 1024);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void uploadWithoutContentLengthIsStreamedToTheOriginAndBack() throws Exception {
        connected("app.localhost");
        H2Visitor visitor = h2c();
        byte[] body = "body of unknown length ".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        H2Visitor.Response echo = visitor.request(visitor.headers("POST", "app.localhost", "/echo"), false, true);
        echo.send(body, 1000);
        assertThat(echo.body()).isEqualTo(body);
    }

    @Test
    void hundredMebibyteDownloadIsStreamedAndPausesWithTheVisitor() throws Exception {
        TestOrigin origin = connected("app.localhost");
        long size = 100L * MIB;
        H2Visitor visitor = h2c();
        H2Visitor.Response response =
                visitor.request(visitor.headers("GET", "app.localhost", "/download?bytes=" + size), true, false);
        long pauseAt = 8L * MIB;
        CompletableFuture<Long> paused = new CompletableFuture<>();
        response.onProgress = received -> {
            if (received >= pauseAt && !paused.isDone()) {
                response.stream.config().setAutoRead(false);
                paused.complete(received);
            }
        };
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.head.get().get("content-length")).hasToString(Long.toString(size));
        long received = paused.get(60, TimeUnit.SECONDS);
        // While the visitor reads nothing, the origin can fill the windows and buffers on the way (a few MiB) but
        // not run ahead by the rest of the body.
        origin.downloadAlarm = received + 8L * MIB;
        if (origin.downloaded.get() > origin.downloadAlarm) {
            origin.downloadAlarmed.complete(origin.downloaded.get());
        }
        assertThatThrownBy(() -> origin.downloadAlarmed.get(2, TimeUnit.SECONDS))
                .isInstanceOf(TimeoutException.class);
        response.stream.eventLoop().execute(() -> {
            response.stream.config().setAutoRead(true);
            response.stream.read();
        });
        response.done.get(60, TimeUnit.SECONDS);
        assertThat(response.received()).isEqualTo(size);
    }

    @Test
    void streamsOfOneConnectionAreServedConcurrently() throws Exception {
        TestOrigin origin = connected("app.localhost");
        H2Visitor visitor = h2c();
        H2Visitor.Response gated = visitor.get("app.localhost", "/gate");
        origin.gateReached.get(10, TimeUnit.SECONDS);
        List<H2Visitor.Response> echoes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            H2Visitor.Response echo = visitor.request(visitor.headers("POST", "app.localhost", "/echo"), false, true);
            echo.send(("stream " + i).repeat(1000).getBytes(StandardCharsets.UTF_8), 4096);
            echoes.add(echo);
        }
        for (int i = 0; i < echoes.size(); i++) {
            assertThat(echoes.get(i).text()).isEqualTo(("stream " + i).repeat(1000));
        }
        assertThat(gated.done).isNotDone();
        origin.gate.complete(null);
        assertThat(gated.text()).isEqualTo("gate open");
    }

    @Test
    void failuresGetTheSameErrorPagesAsOverHttp11() throws Exception {
        connected("app.localhost");
        edge.createTunnel("idle", "idle.localhost");
        H2Visitor visitor = h2c();
        H2Visitor.Response noRoute = visitor.get("nowhere.localhost", "/");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.text()).contains("No tunnel has a route for nowhere.localhost");
        H2Visitor.Response idle = visitor.get("idle.localhost", "/");
        assertThat(idle.status()).isEqualTo(530);
        assertThat(idle.text()).contains("no healthy connector connection");
        H2Visitor.Response failed = visitor.get("app.localhost", "/fail");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.text()).contains("Origin error");
        H2Visitor.Response timedOut = visitor.get("app.localhost", "/never");
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.head.get().get("cf-ray")).isNotNull();
        assertThat(visitor.get("app.localhost", "/hello").text()).isEqualTo("hello");
    }

    @Test
    void everyRoutedHostnameGetsACertificateFromTheEdgeCa() throws Exception {
        connected("app.example.com");
        H2Visitor visitor = H2Visitor.tls(edge.visitorTlsAddress(), edge.caCertificate(), "app.example.com");
        closeables.add(0, visitor);
        assertThat(visitor.negotiatedProtocol()).isEqualTo("h2");
        assertThat(visitor.get("app.example.com", "/hello").text()).isEqualTo("hello");
        assertThatThrownBy(() -> H2Visitor.tls(edge.visitorTlsAddress(), edge.caCertificate(), "other.example.com"))
                .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
    }

    @Test
    void http11RequestWithoutBodyCanUpgradeToH2c() throws Exception {
        connected("app.localhost");
        try (Socket socket = new Socket("127.0.0.1", edge.visitorAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET /hello HTTP/1.1\r\nHost: app.localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(LocalEdgeTests.readHead(in)).startsWith("HTTP/1.1 101");
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            while (!ended) {
                int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (type == 4 && (flags & 1) == 0) {
                    out.write(new byte[] {0, 0, 0, 4, 1, 0, 0, 0, 0});
                }
                if (type == 0 && stream == 1) {
                    body.append(new String(payload, StandardCharsets.UTF_8));
                }
                ended = stream == 1 && (type == 0 || type == 1) && (flags & 1) != 0;
            }
            assertThat(body).hasToString("hello");
        }
    }
}
