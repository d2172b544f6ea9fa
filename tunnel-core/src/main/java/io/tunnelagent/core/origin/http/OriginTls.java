package io.tunnelagent.core.origin.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
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
import org.jspecify.annotations.Nullable;

/**
 * TLS towards an origin: the JDK's trusted roots plus {@code caPool} (PEM, appended) plus any built-in CA (the
 * hello-world server's), host name verification against the server name, or no verification at all with
 * {@code noTLSVerify}. The handshake is bounded by {@code tlsTimeout}. With {@code http2Origin} a second context
 * offers ALPN {@code h2, http/1.1} (Go's transport with {@code ForceAttemptHTTP2}); requests that need HTTP/1.1
 * (WebSocket upgrades) use the context without ALPN, as Go's {@code onlyH1} connections do.
 */
final class OriginTls {

    private final SslContext http1;
    private final @Nullable SslContext http2;
    private final long handshakeTimeoutMillis;

    private OriginTls(SslContext http1, @Nullable SslContext http2, long handshakeTimeoutMillis) {
        this.http1 = http1;
        this.http2 = http2;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    static OriginTls create(OriginRequestConfig config, List<X509Certificate> extraTrust) {
        try {
            TrustManagerFactory trust = config.noTlsVerify()
                    ? InsecureTrustManagerFactory.INSTANCE
                    : trustManagers(config.caPool(), extraTrust);
            SslContext http1 = builder(config, trust).build();
            SslContext http2 = config.http2Origin()
                    ? builder(config, trust)
                            .applicationProtocolConfig(new ApplicationProtocolConfig(
                                    ApplicationProtocolConfig.Protocol.ALPN,
                                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                    ApplicationProtocolNames.HTTP_2,
                                    ApplicationProtocolNames.HTTP_1_1))
                            .build()
                    : null;
            return new OriginTls(http1, http2, config.tlsTimeout().toMillis());
        } catch (SSLException ex) {
            throw new OriginException("Unable to set up TLS for the origin: " + ex.getMessage(), ex);
        }
    }

    private static SslContextBuilder builder(OriginRequestConfig config, TrustManagerFactory trust) {
        return SslContextBuilder.forClient()
                .trustManager(trust)
                .endpointIdentificationAlgorithm(config.noTlsVerify() ? null : "HTTPS");
    }

    /** Whether connections may offer HTTP/2 ({@code http2Origin}). */
    boolean offersHttp2() {
        return this.http2 != null;
    }

    /**
     * A TLS handler for a new connection.
     *
     * @param offerHttp2 whether to offer {@code h2} by ALPN (ignored without {@code http2Origin})
     */
    SslHandler newHandler(ByteBufAllocator alloc, String serverName, int port, boolean offerHttp2) {
        SslContext context = offerHttp2 && this.http2 != null ? this.http2 : this.http1;
        SslHandler handler = context.newHandler(alloc, serverName, port);
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
