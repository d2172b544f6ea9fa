package io.tunnelagent.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.edge.tunnel.Tunnel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory: generated on first start, owner-only secrets, and a restart that keeps everything. */
class LocalEdgeStateTests {

    @TempDir
    Path state;

    private LocalEdge start() {
        return LocalEdge.builder()
                .stateDirectory(state)
                .edgePort(0)
                .visitorPort(0)
                .visitorTlsPort(0)
                .adminPort(0)
                .start();
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
}
