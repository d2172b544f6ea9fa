package io.tunnelagent.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeTrustTests {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.create();

    @Test
    void caBundleReplacesTheDefaultRootsWithEveryCertificateInTheFile() {
        TestPki other = TestPki.create();
        Path bundle = TestPki.writePem(dir.resolve("ca.pem"), pki.ca(), other.ca());

        EdgeTrust trust = EdgeTrust.fromCaBundle(bundle);

        assertThat(trust.roots()).containsExactly(pki.ca(), other.ca());
    }

    @Test
    void caBundleWithoutCertificatesFailsNamingTheFile() throws Exception {
        Path bundle = Files.writeString(dir.resolve("ca.pem"), "nothing here\n");

        assertThatThrownBy(() -> EdgeTrust.fromCaBundle(bundle))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Edge CA bundle " + bundle + " contains no certificate");
    }

    @Test
    void missingCaBundleFailsNamingTheFile() {
        Path bundle = dir.resolve("missing.pem");

        assertThatThrownBy(() -> EdgeTrust.fromCaBundle(bundle))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Cannot read edge CA bundle " + bundle);
    }

    @Test
    void defaultsHoldTheJdkRootsAndCloudflaresThreeOriginRoots() {
        List<X509Certificate> cloudflare = EdgeTrust.cloudflareOriginRoots();

        assertThat(cloudflare).hasSize(3);
        assertThat(cloudflare)
                .allSatisfy(root ->
                        assertThat(root.getSubjectX500Principal().getName()).contains("CloudFlare"));
        assertThat(EdgeTrust.defaults().roots()).containsAll(cloudflare).hasSizeGreaterThan(3);
    }

    @Test
    void trustManagerAcceptsAChainToTheRootsThatNamesTheServer() {
        X509ExtendedTrustManager manager = pki.trust().trustManager(EdgeTrust.QUIC_SERVER_NAME);
        X509Certificate[] chain = chainOf(pki.edgeCertificate());

        assertThatNoException().isThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"));
    }

    @Test
    void trustManagerAcceptsAnEcdsaEdgeCertificateWhateverAuthTypeTheTlsStackPasses() {
        X509ExtendedTrustManager manager = pki.trust().trustManager(EdgeTrust.QUIC_SERVER_NAME);
        X509Certificate[] chain = chainOf(pki.edgeCertificate());

        assertThatCode(() -> manager.checkServerTrusted(chain, "RSA")).doesNotThrowAnyException();
        assertThatCode(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void trustManagerRejectsACertificateWithoutTheServerName() {
        X509ExtendedTrustManager manager = pki.trust().trustManager(EdgeTrust.QUIC_SERVER_NAME);
        X509Certificate[] chain = chainOf(pki.edgeCertificate(List.of("h2.cftunnel.com", "localhost")));

        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("is not valid for quic.cftunnel.com");
    }

    @Test
    void trustManagerRejectsACertificateFromAnotherCa() {
        X509ExtendedTrustManager manager = TestPki.create().trust().trustManager(EdgeTrust.QUIC_SERVER_NAME);
        X509Certificate[] chain = chainOf(pki.edgeCertificate());

        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void wildcardNamesMatchOneLeftmostLabel() {
        assertThat(ServerNameTrustManager.matches("*.cftunnel.com", "quic.cftunnel.com"))
                .isTrue();
        assertThat(ServerNameTrustManager.matches("*.cftunnel.com", "a.quic.cftunnel.com"))
                .isFalse();
        assertThat(ServerNameTrustManager.matches("*.cftunnel.com", "cftunnel.com"))
                .isFalse();
    }

    private static X509Certificate[] chainOf(EdgeCertificate certificate) {
        return certificate.chain().toArray(X509Certificate[]::new);
    }
}
