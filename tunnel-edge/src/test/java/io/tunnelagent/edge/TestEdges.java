package io.tunnelagent.edge;

import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Static helpers for tests that run a {@link LocalEdge}: ephemeral ports, a dialer and a TLS context trusting it. */
public final class TestEdges {

    private TestEdges() {}

    /**
     * A builder with the state in {@code state} and every port ephemeral on loopback.
     *
     * @param state the state directory
     * @return the builder
     */
    public static LocalEdgeBuilder ephemeral(Path state) {
        return LocalEdge.builder().stateDirectory(state).ephemeralPorts();
    }

    static Http2EdgeDialer http2Dialer(LocalEdge edge) {
        return Http2EdgeDialer.builder()
                .trustedRoots(List.of(edge.caCertificate()))
                .build();
    }

    static SSLContext trusting(LocalEdge edge) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("edge-ca", edge.caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return tls;
    }
}
