package io.tunnelagent.transport.http2.channel;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.transport.TransportException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * TLS contexts for HTTP/2 tunnel connections: no ALPN on either side (protocol doc 2), hostname verification on the
 * connector, BoringSSL (netty-tcnative, which negotiates X25519MLKEM768) where it loads and the JDK provider
 * otherwise (which reaches P-256 through a HelloRetryRequest).
 */
public final class Http2Tls {

    private Http2Tls() {}

    /**
     * The provider used when none is chosen: OpenSSL (BoringSSL) if it loads here, else the JDK.
     *
     * @return the provider
     */
    public static SslProvider preferredProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * A client context that trusts only the given roots and verifies the server name (HTTPS rules).
     *
     * @param roots the trusted root certificates
     * @param provider the provider, or null for {@link #preferredProvider()}
     * @return the context
     */
    public static SslContext client(Collection<X509Certificate> roots, @Nullable SslProvider provider) {
        if (roots.isEmpty()) {
            throw new TransportException("No trusted root certificates configured for the HTTP/2 edge connection:"
                    + " configure the CA bundle that signed the edge certificate");
        }
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider == null ? preferredProvider() : provider)
                    .trustManager(roots)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException ex) {
            throw new TransportException("Could not build the TLS client context: " + ex.getMessage(), ex);
        }
    }

    /**
     * A server context with a certificate chain and its key.
     *
     * @param key the private key
     * @param chain the certificate chain, leaf first
     * @param provider the provider, or null for {@link #preferredProvider()}
     * @return the context
     */
    public static SslContext server(PrivateKey key, Collection<X509Certificate> chain, @Nullable SslProvider provider) {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(provider == null ? preferredProvider() : provider)
                    .build();
        } catch (SSLException ex) {
            throw new TransportException(
                    "Could not build the TLS server context from the edge certificate and key: " + ex.getMessage(), ex);
        }
    }
}
