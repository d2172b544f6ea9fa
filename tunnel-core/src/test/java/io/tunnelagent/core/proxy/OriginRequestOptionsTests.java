package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.proxy.OriginServers.Received;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code originRequest} option that changes what the connector does towards the origin. */
class OriginRequestOptionsTests {

    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void httpHostHeaderReplacesHostAndKeepsTheOriginalInXForwardedHost() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "ok", Map.of()));
        var rules = rules(rule(null, "http://127.0.0.1:" + port, o -> o.setHttpHostHeader("internal.local")));

        this.fixture.exchange(this.fixture.stream(http("GET", "app.example.com", "/")), rules);

        Received seen = this.fixture.servers.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen.header("Host")).isEqualTo("internal.local");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("app.example.com");
    }

    @Test
    void idleConnectionIsClosedAfterKeepAliveTimeout() throws Exception {
        int port = this.fixture.servers.http((ctx, request) -> OriginServers.text(ctx, "ok", Map.of()));
        var rules = rules(rule(null, "http://127.0.0.1:" + port, o -> o.setKeepAliveTimeout(Duration.ofMillis(200))));

        this.fixture.exchange(this.fixture.stream(http("GET", "app.example.com", "/")), rules);
        String first = this.fixture
                .servers
                .received
                .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .connection();

        assertThat(this.fixture.servers.closedConnections.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(first);
        this.fixture.exchange(this.fixture.stream(http("GET", "app.example.com", "/")), rules);
        assertThat(this.fixture
                        .servers
                        .received
                        .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .connection())
                .isNotEqualTo(first);
    }

    @Test
    void keepAliveConnectionsLimitsTheIdlePool() throws Exception {
        java.util.concurrent.CountDownLatch bothArrived = new java.util.concurrent.CountDownLatch(2);
        int port = this.fixture.servers.http((ctx, request) -> {
            bothArrived.countDown();
            ctx.executor().execute(() -> awaitThenAnswer(bothArrived, ctx));
        });
        var rules = rules(rule(null, "http://127.0.0.1:" + port, o -> o.setKeepAliveConnections(1)));

        var one = this.fixture.proxy(this.fixture.stream(http("GET", "app.example.com", "/1")), rules);
        var two = this.fixture.proxy(this.fixture.stream(http("GET", "app.example.com", "/2")), rules);
        one.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        two.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        String first = this.fixture
                .servers
                .received
                .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .connection();
        String second = this.fixture
                .servers
                .received
                .poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .connection();
        assertThat(first).isNotEqualTo(second);
        String closed = this.fixture.servers.closedConnections.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed).isIn(first, second);
        assertThat(this.fixture.servers.closedConnections.poll(300, TimeUnit.MILLISECONDS))
                .isNull();
    }

    private static void awaitThenAnswer(
            java.util.concurrent.CountDownLatch latch, io.netty.channel.ChannelHandlerContext ctx) {
        if (latch.getCount() == 0) {
            OriginServers.text(ctx, "ok", Map.of());
        } else {
            ctx.executor().schedule(() -> awaitThenAnswer(latch, ctx), 10, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void untrustedOriginCertificateIsRefused() throws Exception {
        int port = tlsOrigin(TestCertificates.selfSigned("origin.test"));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port)));

        assertThat(stream.response().get().error())
                .endsWith(": tls: failed to verify certificate: x509: certificate signed by unknown authority");
    }

    @Test
    void noTlsVerifyAcceptsAnUntrustedOriginCertificate() throws Exception {
        int port = tlsOrigin(TestCertificates.selfSigned("origin.test"));
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(
                stream, rules(rule(null, "https://127.0.0.1:" + port, o -> o.setNoTlsVerify(true))));

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.bodyText()).isEqualTo("secure");
    }

    @Test
    void caPoolIsTrustedInAdditionToTheSystemRoots(@TempDir Path directory) throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("origin.test");
        int port = tlsOrigin(certificate);
        String pem = certificate.writePem(directory).toString();
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result =
                this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port, o -> o.setCaPool(pem))));

        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void originServerNameIsSentAsSniAndVerified(@TempDir Path directory) throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("origin.test");
        int port = tlsOrigin(certificate);
        String pem = certificate.writePem(directory).toString();
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port, o -> {
            o.setCaPool(pem);
            o.setOriginServerName("origin.test");
        })));

        assertThat(result.status()).isEqualTo(200);
        assertThat(this.fixture.servers.serverNames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("origin.test");
    }

    @Test
    void matchSniToHostUsesTheRequestHostAsServerName(@TempDir Path directory) throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("origin.test");
        int port = tlsOrigin(certificate);
        String pem = certificate.writePem(directory).toString();
        MemoryDataStream stream = this.fixture.stream(http("GET", "origin.test", "/"));

        ProxyResult result = this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port, o -> {
            o.setCaPool(pem);
            o.setMatchSniToHost(true);
        })));

        assertThat(result.status()).isEqualTo(200);
        assertThat(this.fixture.servers.serverNames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("origin.test");
    }

    @Test
    void serverNameThatTheCertificateDoesNotCoverIsRefused(@TempDir Path directory) throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("origin.test");
        int port = tlsOrigin(certificate);
        String pem = certificate.writePem(directory).toString();
        MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

        this.fixture.exchange(stream, rules(rule(null, "https://127.0.0.1:" + port, o -> {
            o.setCaPool(pem);
            o.setOriginServerName("other.test");
        })));

        assertThat(stream.response().get().error()).contains("tls: failed to verify certificate");
    }

    @Test
    void connectTimeoutAgainstANonAnsweringOriginReportsAnIoTimeout() throws Exception {
        try (ServerSocket backlogFull = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = fillBacklog(backlogFull);
            try {
                int port = backlogFull.getLocalPort();
                MemoryDataStream stream = this.fixture.stream(http("GET", "app.example.com", "/"));

                ProxyResult result = this.fixture.exchange(
                        stream,
                        rules(rule(
                                null, "http://127.0.0.1:" + port, o -> o.setConnectTimeout(Duration.ofMillis(300)))));

                assertThat(stream.response().get().error())
                        .isEqualTo("Unable to reach the origin service. The service may be down or it may not be"
                                + " responding to traffic from cloudflared: dial tcp 127.0.0.1:" + port
                                + ": i/o timeout");
                assertThat(result.status()).isZero();
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    private int tlsOrigin(TestCertificates certificate) throws Exception {
        return this.fixture.servers.https(
                certificate.serverContext(), (ctx, request) -> OriginServers.text(ctx, "secure", Map.of()));
    }

    /** Connects until the listen queue is full, so that the next SYN is dropped and a dial hangs. */
    private static List<Socket> fillBacklog(ServerSocket server) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
                sockets.add(socket);
            } catch (SocketTimeoutException ex) {
                socket.close();
                return sockets;
            }
        }
        throw new IllegalStateException("The listen queue never filled up; cannot simulate a non-answering origin");
    }
}
