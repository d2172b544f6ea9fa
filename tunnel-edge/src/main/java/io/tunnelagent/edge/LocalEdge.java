package io.tunnelagent.edge;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.edge.admin.AdminServer;
import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.registration.ConnectionRegistry;
import io.tunnelagent.edge.registration.ConnectorSessions;
import io.tunnelagent.edge.state.AdminToken;
import io.tunnelagent.edge.state.EdgePki;
import io.tunnelagent.edge.state.StateDirectory;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.edge.tunnel.TunnelFile;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.edge.visitor.HostCertificates;
import io.tunnelagent.edge.visitor.VisitorServer;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.http2.edge.Http2EdgeListener;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local edge: connector listener(s) on the edge port, the visitor listener, the admin API, all state in
 * one directory. Start one with {@link #builder()}; close it to stop everything it started.
 *
 * <pre>{@code
 * try (LocalEdge edge = LocalEdge.builder().stateDirectory(dir).edgePort(0).visitorPort(0).adminPort(0).start()) {
 *     Tunnel tunnel = edge.createTunnel("app", "app.localhost");
 *     // run a connector with tunnel.credentials() against edge.edgeAddress(), trusting edge.caCertificatePath()
 * }
 * }</pre>
 */
public final class LocalEdge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalEdge.class);

    private final StateDirectory state;
    private final EdgePki pki;
    private final AdminToken adminToken;
    private final TunnelStore store;
    private final ConnectionRegistry registry;
    private final EdgeMetrics metrics;
    private final EventLoopGroup group;
    private final ScheduledExecutorService scheduler;
    private final ConnectorSessions sessions;
    private final List<EdgeListener> listeners;
    private final VisitorServer visitors;
    private final VisitorServer tlsVisitors;
    private final AdminServer admin;

    private LocalEdge(LocalEdgeBuilder builder, Parts parts) {
        this.state = parts.state;
        this.pki = parts.pki;
        this.adminToken = parts.adminToken;
        this.store = parts.store;
        this.registry = parts.registry;
        this.metrics = parts.metrics;
        this.group = parts.group;
        this.scheduler = parts.scheduler;
        this.sessions = parts.sessions;
        this.listeners = List.copyOf(parts.listeners);
        this.visitors = Objects.requireNonNull(parts.visitors);
        this.tlsVisitors = Objects.requireNonNull(parts.tlsVisitors);
        this.admin = Objects.requireNonNull(parts.admin);
    }

    /**
     * Starts configuring an edge.
     *
     * @return the builder
     */
    public static LocalEdgeBuilder builder() {
        return new LocalEdgeBuilder();
    }

    static LocalEdge start(LocalEdgeBuilder builder) {
        Parts parts = new Parts();
        try {
            Clock clock = builder.clock;
            SecureRandom random = new SecureRandom();
            parts.state = StateDirectory.open(builder.stateDirectory);
            parts.pki = EdgePki.loadOrCreate(parts.state, clock);
            parts.adminToken = AdminToken.loadOrCreate(parts.state, random);
            TunnelFile file = new TunnelFile(parts.state);
            parts.store = new TunnelStore(file.load(random), file, clock, random, builder.quickTunnelDomain);
            parts.registry = new ConnectionRegistry();
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ConnectionRegistry registry = parts.registry;
            parts.metrics =
                    new EdgeMetrics(prometheus, () -> registry.connections().size());
            parts.group = new MultiThreadIoEventLoopGroup(builder.eventLoopThreads, NioIoHandler.newFactory());
            parts.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tunnel-edge-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            parts.sessions = new ConnectorSessions(
                    parts.store, parts.registry, parts.metrics, parts.scheduler, clock, builder.sessionSettings());
            InetSocketAddress edgeAddress = new InetSocketAddress(builder.bindAddress, builder.edgePort);
            Http2EdgeListener http2 = Http2EdgeListener.builder()
                    .address(edgeAddress)
                    .certificate(parts.pki.key(), parts.pki.chain())
                    .eventLoopGroup(parts.group)
                    .bind();
            http2.setConnectionHandler(parts.sessions::accept);
            parts.listeners.add(http2);
            if (builder.quic) {
                EdgeListener quic = QuicEdge.bind(
                        new InetSocketAddress(
                                builder.bindAddress, http2.localAddress().getPort()),
                        parts.pki);
                if (quic != null) {
                    quic.setConnectionHandler(parts.sessions::accept);
                    parts.listeners.add(quic);
                }
            }
            VisitorServer.Context visitorContext =
                    new VisitorServer.Context(parts.store, parts.registry, parts.metrics, builder.responseTimeout);
            parts.visitors = VisitorServer.bind(
                    new InetSocketAddress(builder.bindAddress, builder.visitorPort), parts.group, visitorContext, null);
            parts.tlsVisitors = VisitorServer.bind(
                    new InetSocketAddress(builder.bindAddress, builder.visitorTlsPort),
                    parts.group,
                    visitorContext,
                    new HostCertificates(parts.pki, parts.store, clock));
            parts.admin = AdminServer.start(
                    new InetSocketAddress(builder.bindAddress, builder.adminPort),
                    parts.adminToken,
                    parts.store,
                    parts.registry,
                    prometheus);
            LocalEdge edge = new LocalEdge(builder, parts);
            log.info(
                    "Local edge started: connectors on {} ({}), visitors on {} and {} (TLS), admin on {}, CA {}",
                    edge.edgeAddress(),
                    edge.quicEnabled() ? "QUIC and HTTP/2" : "HTTP/2 only",
                    edge.visitorAddress(),
                    edge.visitorTlsAddress(),
                    edge.adminAddress(),
                    edge.caCertificatePath());
            return edge;
        } catch (RuntimeException ex) {
            parts.close();
            throw ex;
        }
    }

    /**
     * The visitor HTTPS address (HTTP/1.1 and HTTP/2 by ALPN; certificates from the edge's CA for every routed
     * hostname, and for {@code localhost}, {@code *.localhost} and {@code 127.0.0.1}).
     *
     * @return the address
     */
    public InetSocketAddress visitorTlsAddress() {
        return tlsVisitors.localAddress();
    }

    /**
     * The connector address: HTTP/2 over TLS on TCP and, unless disabled or unavailable, QUIC on UDP, both on this
     * port.
     *
     * @return the address
     */
    public InetSocketAddress edgeAddress() {
        return listeners.get(0).localAddress();
    }

    /**
     * Whether connectors can use QUIC (the native QUIC library loaded and QUIC was not disabled).
     *
     * @return true if the QUIC listener runs
     */
    public boolean quicEnabled() {
        return listeners.size() > 1;
    }

    /**
     * The visitor HTTP address.
     *
     * @return the address
     */
    public InetSocketAddress visitorAddress() {
        return visitors.localAddress();
    }

    /**
     * The admin API address.
     *
     * @return the address
     */
    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    /**
     * The CA certificate file connectors must trust ({@code cloudflared --cacert}).
     *
     * @return the path
     */
    public Path caCertificatePath() {
        return pki.caFile();
    }

    /**
     * The CA certificate.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return pki.ca();
    }

    /**
     * The state directory.
     *
     * @return the path
     */
    public Path stateDirectory() {
        return state.path();
    }

    /**
     * The file holding the admin API's bearer token.
     *
     * @return the path
     */
    public Path adminTokenPath() {
        return state.resolve(AdminToken.FILE);
    }

    /**
     * The admin API's bearer token.
     *
     * @return the token
     */
    public AdminToken adminToken() {
        return adminToken;
    }

    /**
     * The tunnels and routes.
     *
     * @return the store
     */
    public TunnelStore tunnels() {
        return store;
    }

    /**
     * The live connector connections.
     *
     * @return the registry
     */
    public ConnectionRegistry connections() {
        return registry;
    }

    /**
     * The meters.
     *
     * @return the metrics
     */
    public EdgeMetrics metrics() {
        return metrics;
    }

    /**
     * Creates a tunnel; its credentials and token come from {@link Tunnel#credentials()} and {@link Tunnel#token()}.
     *
     * @param name the tunnel name
     * @return the tunnel
     */
    public Tunnel createTunnel(String name) {
        return store.create(name);
    }

    /**
     * Creates a tunnel and routes a hostname to it.
     *
     * @param name the tunnel name
     * @param hostname the hostname or wildcard
     * @return the tunnel
     */
    public Tunnel createTunnel(String name, String hostname) {
        Tunnel tunnel = store.create(name);
        store.addRoute(hostname, tunnel.id());
        return tunnel;
    }

    /**
     * Creates a quick tunnel with a random hostname.
     *
     * @return the tunnel and hostname
     */
    public TunnelStore.QuickTunnel quickTunnel() {
        return store.createQuick();
    }

    /** Closes every connector connection (QUIC CONNECTION_CLOSE, HTTP/2 GOAWAY), stops the listeners and releases the threads. */
    @Override
    public void close() {
        Parts parts = new Parts();
        parts.listeners.addAll(listeners);
        parts.visitors = visitors;
        parts.tlsVisitors = tlsVisitors;
        parts.admin = admin;
        parts.sessions = sessions;
        parts.group = group;
        parts.scheduler = scheduler;
        parts.close();
        log.info("Local edge stopped");
    }

    /** What has been started so far, so a failed start and close release the same things. */
    private static final class Parts {
        StateDirectory state;
        EdgePki pki;
        AdminToken adminToken;
        TunnelStore store;
        ConnectionRegistry registry;
        EdgeMetrics metrics;

        @Nullable
        EventLoopGroup group;

        @Nullable
        ScheduledExecutorService scheduler;

        @Nullable
        ConnectorSessions sessions;

        final List<EdgeListener> listeners = new ArrayList<>();

        @Nullable
        VisitorServer visitors;

        @Nullable
        VisitorServer tlsVisitors;

        @Nullable
        AdminServer admin;

        void close() {
            // Connections first, while the listeners' sockets and event loops can still send CONNECTION_CLOSE/GOAWAY.
            if (sessions != null) {
                sessions.close();
            }
            for (EdgeListener listener : listeners) {
                listener.closeAsync()
                        .orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(ex -> null)
                        .join();
            }
            if (admin != null) {
                admin.close();
            }
            if (visitors != null) {
                visitors.close();
            }
            if (tlsVisitors != null) {
                tlsVisitors.close();
            }
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }
}
