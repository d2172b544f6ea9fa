package io.tunnelagent.edge.visitor;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Mapping;
import io.tunnelagent.edge.state.EdgePki;
import io.tunnelagent.edge.state.StateException;
import io.tunnelagent.edge.tunnel.TunnelStore;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Picks the visitor HTTPS certificate by SNI: a hostname that has a route gets a certificate of its own, issued on
 * first use by the edge's CA and cached; any other name (or none) gets the edge certificate ({@code localhost},
 * {@code *.localhost}, {@code 127.0.0.1}). Every context offers ALPN {@code h2} and {@code http/1.1}.
 */
public final class HostCertificates implements Mapping<String, SslContext> {

    private static final int MAX_CACHED = 1024;
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);

    private final EdgePki pki;
    private final TunnelStore store;
    private final Clock clock;
    private final SslContext edgeContext;
    private final KeyPair hostKey = EdgePki.newKeyPair();
    private final Map<String, SslContext> issued = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SslContext> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /**
     * Creates the mapping.
     *
     * @param pki the edge CA and certificate
     * @param store the routes, which decide which names get a certificate
     * @param clock the clock for the certificates' validity
     */
    public HostCertificates(EdgePki pki, TunnelStore store, Clock clock) {
        this.pki = pki;
        this.store = store;
        this.clock = clock;
        this.edgeContext = context(pki.key(), pki.chain());
    }

    /**
     * The TLS context for a server name.
     *
     * @param serverName the SNI host name, or null when the client sent none
     * @return the context
     */
    @Override
    public SslContext map(@Nullable String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return edgeContext;
        }
        String host = serverName.toLowerCase(Locale.ROOT);
        if (store.route(host).isEmpty()) {
            return edgeContext;
        }
        synchronized (issued) {
            return issued.computeIfAbsent(host, this::issue);
        }
    }

    private SslContext issue(String host) {
        X509Certificate certificate = pki.issue(host, hostKey.getPublic(), clock.instant());
        return context(hostKey.getPrivate(), List.of(certificate, pki.ca()));
    }

    private static SslContext context(PrivateKey key, List<X509Certificate> chain) {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(ALPN)
                    .build();
        } catch (SSLException ex) {
            throw new StateException(
                    "The edge certificate in the state directory cannot be used for TLS: delete edge.pem and"
                            + " edge-key.pem to generate a new one",
                    ex);
        }
    }
}
