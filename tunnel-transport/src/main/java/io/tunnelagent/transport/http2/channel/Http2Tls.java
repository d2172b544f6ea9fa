package io.tunnelagent.transport.http2.channel;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.tls.EdgeCertificate;
import io.tunnelagent.transport.tls.EdgeTrust;
import io.tunnelagent.transport.tls.KeyExchangeGroups;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * TLS contexts for HTTP/2 tunnel connections: no ALPN on either side (protocol doc 2); the connector verifies the
 * edge chain and the fixed name {@code h2.cftunnel.com} with {@link EdgeTrust}; BoringSSL (netty-tcnative) where it
 * loads, with the key-exchange groups of {@link KeyExchangeGroups} (X25519MLKEM768 first), and the JDK provider
 * otherwise (which reaches P-256 through a HelloRetryRequest and cannot serve {@code cloudflared --post-quantum}).
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
     * The connector's client context.
     *
     * @param trust the edge roots
     * @param serverName the name the edge certificate must carry
     * @param provider the provider, or null for {@link #preferredProvider()}
     * @return the context
     */
    public static SslContext client(EdgeTrust trust, String serverName, @Nullable SslProvider provider) {
        SslProvider chosen = provider == null ? preferredProvider() : provider;
        SslContextBuilder builder =
                SslContextBuilder.forClient().sslProvider(chosen).trustManager(trust.trustManager(serverName));
        if (chosen != SslProvider.JDK) {
            builder.option(OpenSslContextOption.GROUPS, groups(KeyExchangeGroups.forConnector(false)));
        }
        return build(builder, "client");
    }

    /**
     * The edge's server context.
     *
     * @param certificate the edge certificate chain and key
     * @param provider the provider, or null for {@link #preferredProvider()}
     * @return the context
     */
    public static SslContext server(EdgeCertificate certificate, @Nullable SslProvider provider) {
        SslProvider chosen = provider == null ? preferredProvider() : provider;
        SslContextBuilder builder = SslContextBuilder.forServer(
                        certificate.privateKey(), certificate.chain().toArray(X509Certificate[]::new))
                .sslProvider(chosen);
        if (chosen != SslProvider.JDK) {
            builder.option(OpenSslContextOption.GROUPS, groups(KeyExchangeGroups.EDGE));
        }
        return build(builder, "server");
    }

    private static String[] groups(List<String> groups) {
        return groups.toArray(String[]::new);
    }

    private static SslContext build(SslContextBuilder builder, String side) {
        try {
            return builder.build();
        } catch (SSLException | RuntimeException ex) {
            throw new TransportException(
                    "Could not build the HTTP/2 TLS " + side + " context: " + ex.getMessage()
                            + "; check the certificate and key, or choose SslProvider.JDK",
                    ex);
        }
    }
}
