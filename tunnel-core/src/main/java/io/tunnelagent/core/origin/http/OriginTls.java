package io.tunnelagent.core.origin.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.origin.OriginException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS towards an origin: the JDK's trusted roots plus {@code caPool} (PEM, appended) plus any built-in CA (the
 * hello-world server's), host name verification against the server name, or no verification at all with
 * {@code noTLSVerify}. The handshake is bounded by {@code tlsTimeout}.
 */
final class OriginTls {

    private final SslContext context;
    private final long handshakeTimeoutMillis;

    private OriginTls(SslContext context, long handshakeTimeoutMillis) {
        this.context = context;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    static OriginTls create(OriginRequestConfig config, List<X509Certificate> extraTrust) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (config.noTlsVerify()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                builder.trustManager(trustManagers(config.caPool(), extraTrust))
                        .endpointIdentificationAlgorithm("HTTPS");
            }
            return new OriginTls(builder.build(), config.tlsTimeout().toMillis());
        } catch (SSLException ex) {
            throw new OriginException("Unable to set up TLS for the origin: " + ex.getMessage(), ex);
        }
    }

    SslHandler newHandler(ByteBufAllocator alloc, String serverName, int port) {
        SslHandler handler = this.context.newHandler(alloc, serverName, port);
        handler.setHandshakeTimeoutMillis(this.handshakeTimeoutMillis);
        return handler;
    }

    private static TrustManagerFactory trustManagers(String caPool, List<X509Certificate> extraTrust) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            List<X509Certificate> certificates = new ArrayList<>(jdkRoots());
            certificates.addAll(extraTrust);
            if (!caPool.isEmpty()) {
                certificates.addAll(readPem(Path.of(caPool)));
            }
            int index = 0;
            for (X509Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (OriginException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new OriginException("Unable to build the origin trust store: " + ex.getMessage(), ex);
        }
    }

    private static List<X509Certificate> jdkRoots() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> roots = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                roots.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return roots;
    }

    private static List<X509Certificate> readPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new OriginException("Error parsing origin CA pool " + file + ": no PEM certificate found");
            }
            return result;
        } catch (OriginException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new OriginException(
                    "Error reading origin CA pool " + file + " (originRequest.caPool): " + ex.getMessage(), ex);
        }
    }
}
