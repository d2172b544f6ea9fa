package io.tunnelagent.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory: generated on first start, owner-only secrets, and a restart that keeps everything. */
class LocalEdgeStateTests {

    @TempDir
    Path state;

    private LocalEdge start() {
        return TestEdges.ephemeral(state).start();
    }

    @Test
    void restartKeepsTheCaTunnelsRoutesAndAdminToken() throws Exception {
        byte[] ca;
        Tunnel tunnel;
        String token;
        try (LocalEdge edge = start()) {
            tunnel = edge.createTunnel("app", "*.app.localhost");
            ca = Files.readAllBytes(edge.caCertificatePath());
            token = edge.adminToken().value();
        }
        try (LocalEdge edge = start()) {
            assertThat(Files.readAllBytes(edge.caCertificatePath())).isEqualTo(ca);
            assertThat(edge.tunnels().find(tunnel.id())).hasValueSatisfying(restored -> {
                assertThat(restored.secret()).isEqualTo(tunnel.secret());
                assertThat(restored.name()).isEqualTo("app");
            });
            assertThat(edge.tunnels().route("x.app.localhost")).hasValue(tunnel.id());
            assertThat(edge.adminToken().value()).isEqualTo(token);
        }
    }

    @Test
    void secretFilesAreOwnerOnlyAndNoTemporaryFilesRemain() throws Exception {
        try (LocalEdge edge = start()) {
            edge.createTunnel("app");
        }
        for (String secret : new String[] {"tunnels.json", "admin-token", "ca-key.pem", "edge-key.pem"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(secret))))
                    .as(secret)
                    .isEqualTo("rw-------");
        }
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "tunnels.json", "admin-token", "ca.pem", "ca-key.pem", "edge.pem", "edge-key.pem");
        }
    }

    @Test
    void edgeCertificateCoversTheConnectorServerNamesAndLoopback() throws Exception {
        try (LocalEdge edge = start()) {
            var certificate =
                    (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(Files.newInputStream(state.resolve("edge.pem")));
            assertThat(certificate.getSubjectAlternativeNames())
                    .extracting(name -> (Object) name.get(1))
                    .contains(
                            (Object) "quic.cftunnel.com",
                            "h2.cftunnel.com",
                            "probe.cftunnel.com",
                            "localhost",
                            "127.0.0.1");
            certificate.verify(edge.caCertificate().getPublicKey());
        }
    }

    @Test
    void storedCertificateWithoutEveryServerNameIsIssuedAgainFromTheSameCa() throws Exception {
        byte[] ca;
        try (LocalEdge edge = start()) {
            ca = Files.readAllBytes(edge.caCertificatePath());
        }
        // An edge certificate from an older version: here the CA certificate, which carries no server name at all.
        Files.write(state.resolve("edge.pem"), ca);

        try (LocalEdge edge = start()) {
            assertThat(Files.readAllBytes(edge.caCertificatePath())).isEqualTo(ca);
            var certificate =
                    (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(Files.newInputStream(state.resolve("edge.pem")));
            assertThat(certificate.getSubjectAlternativeNames())
                    .extracting(name -> (Object) name.get(1))
                    .contains((Object) "probe.cftunnel.com");
            certificate.verify(edge.caCertificate().getPublicKey());
        }
    }

    @Test
    void restartOnTheSamePortsRightAfterCloseBindsAndServes() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LocalEdge first = start();
        first.createTunnel("app", "app.localhost");
        int edgePort = first.edgeAddress().getPort();
        int visitorPort = first.visitorAddress().getPort();
        int visitorTlsPort = first.visitorTlsAddress().getPort();
        int adminPort = first.adminAddress().getPort();
        try {
            // A connector and a keep-alive visitor connection that the edge, closing first, leaves in TIME_WAIT.
            assertThat(hello(first, http, scheduler)).isEqualTo("hello");
        } finally {
            first.close();
        }
        try (LocalEdge second = LocalEdge.builder()
                .stateDirectory(state)
                .edgePort(edgePort)
                .visitorPort(visitorPort)
                .visitorTlsPort(visitorTlsPort)
                .adminPort(adminPort)
                .start()) {
            assertThat(second.edgeAddress().getPort()).isEqualTo(edgePort);
            assertThat(second.adminAddress().getPort()).isEqualTo(adminPort);
            assertThat(second.visitorTlsAddress().getPort()).isEqualTo(visitorTlsPort);
            assertThat(hello(second, http, scheduler)).isEqualTo("hello");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static String hello(LocalEdge edge, HttpClient http, ScheduledExecutorService scheduler) throws Exception {
        Tunnel tunnel = edge.tunnels().findByIdOrName("app").orElseThrow();
        try (Http2EdgeDialer dialer = TestEdges.http2Dialer(edge);
                TestConnector connector =
                        new TestConnector(dialer, scheduler, new TestOrigin("one")).connect(edge.edgeAddress())) {
            connector.register(tunnel, 0, UUID.randomUUID());
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + edge.visitorAddress().getPort() + "/hello"))
                                    .header("Host", "app.localhost")
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
