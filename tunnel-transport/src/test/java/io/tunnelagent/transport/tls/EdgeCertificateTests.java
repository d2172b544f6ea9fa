package io.tunnelagent.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeCertificateTests {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.create();

    @Test
    void loadsAChainAndAPkcs8Key() throws Exception {
        KeyPair keys = TestPki.ecKeys();
        Path cert = TestPki.writePem(dir.resolve("edge.pem"), pki.leaf(keys, TestPki.EDGE_NAMES), pki.ca());
        Path key = TestPki.writePem(dir.resolve("edge.key"), new JcaPKCS8Generator(keys.getPrivate(), null));

        EdgeCertificate certificate = EdgeCertificate.fromPem(cert, key);

        assertThat(Files.readString(key)).contains("BEGIN PRIVATE KEY");
        assertThat(certificate.chain()).hasSize(2);
        assertThat(certificate.privateKey().getEncoded())
                .isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void loadsATraditionalSec1EcKey() throws Exception {
        KeyPair keys = TestPki.ecKeys();
        Path cert = TestPki.writePem(dir.resolve("edge.pem"), pki.leaf(keys, TestPki.EDGE_NAMES));
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        256,
                        ((ECPrivateKey) keys.getPrivate()).getS(),
                        new X962Parameters(SECObjectIdentifiers.secp256r1))
                .getEncoded();
        Path key = TestPki.writePem(dir.resolve("edge.key"), new PemObject("EC PRIVATE KEY", sec1));

        EdgeCertificate certificate = EdgeCertificate.fromPem(cert, key);

        assertThat(((ECPrivateKey) certificate.privateKey()).getS())
                .isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
    }

    @Test
    void loadsATraditionalPkcs1RsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path cert = TestPki.writePem(dir.resolve("edge.pem"), pki.ca());
        Path key = TestPki.writePem(dir.resolve("edge.key"), keys.getPrivate());

        EdgeCertificate certificate = EdgeCertificate.fromPem(cert, key);

        assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(((RSAPrivateCrtKey) certificate.privateKey()).getPrivateExponent())
                .isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getPrivateExponent());
    }

    @Test
    void unreadableKeyFailsNamingTheFileWithoutKeyMaterial() throws Exception {
        Path cert = TestPki.writePem(dir.resolve("edge.pem"), pki.ca());
        String garbage = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Path key = Files.writeString(
                dir.resolve("edge.key"), "-----BEGIN PRIVATE KEY-----\n" + garbage + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> EdgeCertificate.fromPem(cert, key))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Cannot read edge certificate key " + key + ": ")
                .hasMessageNotContaining(garbage);
    }

    @Test
    void missingKeyFileFailsNamingTheFile() {
        Path cert = TestPki.writePem(dir.resolve("edge.pem"), pki.ca());
        Path key = dir.resolve("edge.key");

        assertThatThrownBy(() -> EdgeCertificate.fromPem(cert, key))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Cannot read edge certificate key " + key + ": ");
    }

    @Test
    void toStringNamesTheSubjectButNeverTheKey() {
        EdgeCertificate certificate = pki.edgeCertificate(List.of("quic.cftunnel.com"));

        assertThat(certificate.toString())
                .contains("CN=quic.cftunnel.com")
                .doesNotContain(Base64.getEncoder()
                        .encodeToString(certificate.privateKey().getEncoded()));
    }
}
