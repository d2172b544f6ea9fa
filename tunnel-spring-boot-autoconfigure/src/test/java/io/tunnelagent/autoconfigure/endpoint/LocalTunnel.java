package io.tunnelagent.autoconfigure.endpoint;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.core.connector.ConnectorBuilder;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.credentials.TunnelToken;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Test fixture: a {@link LocalEdge} on loopback with one tunnel ({@value #HOSTNAME}), and connectors to it over
 * HTTP/2 built the way the connector auto-configuration builds them (every listener added). {@link #close()} stops
 * everything it started.
 */
public final class LocalTunnel implements AutoCloseable {

    /** The tunnel's hostname on the edge. */
    public static final String HOSTNAME = "app.localhost";

    /** The status the first rule answers with ({@code http_status:418}), so that no origin is needed. */
    public static final int APP_STATUS = 418;

    private final LocalEdge edge;

    private final Tunnel tunnel;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final Http2EdgeDialer dialer;

    private final List<TunnelConnector> connectors = new ArrayList<>();

    private final List<StreamProxy> proxies = new ArrayList<>();

    private LocalTunnel(Path state) {
        this.edge = LocalEdge.builder()
                .stateDirectory(state)
                .ephemeralPorts()
                .responseTimeout(Duration.ofSeconds(5))
                .gracePeriod(Duration.ofSeconds(1))
                .start();
        this.tunnel = this.edge.createTunnel("app", HOSTNAME);
        this.dialer = Http2EdgeDialer.builder()
                .trustedRoots(List.of(this.edge.caCertificate()))
                .eventLoopGroup(this.group)
                .build();
    }

    /**
     * Starts the edge and creates the tunnel.
     *
     * @param state the edge's state directory
     * @return the fixture
     */
    public static LocalTunnel start(Path state) {
        return new LocalTunnel(state);
    }

    /**
     * The rules the connectors use: {@value #HOSTNAME} answers {@value #APP_STATUS}; with origin request overrides
     * and an Access block (on another rule: Access rules answer 403 here), so that reports of the table have
     * something to show.
     *
     * @return the rules
     */
    public static IngressRules rules() {
        IngressRuleDefinition app = IngressRuleDefinition.of(HOSTNAME, "http_status:" + APP_STATUS);
        app.setPath("^/x");
        app.getOriginRequest().setConnectTimeout(Duration.ofSeconds(5));
        app.getOriginRequest().setHttpHostHeader("origin.internal");
        IngressRuleDefinition other = IngressRuleDefinition.of("*.example.com", "http://127.0.0.1:9");
        AccessDefinition access = new AccessDefinition();
        access.setRequired(true);
        access.setTeamName("team");
        access.setAudTag(List.of("aud-1"));
        other.getOriginRequest().setAccess(access);
        return IngressRules.compile(List.of(app, other, IngressRuleDefinition.of(null, "http_status:404")), null);
    }

    /**
     * A connector that is built but never started, with known credentials, for tests that need no edge.
     *
     * @param credentials the credentials (see {@link #credentials(String)})
     * @return the connector
     */
    public static TunnelConnector unstarted(TunnelToken credentials) {
        return TunnelConnector.builder()
                .token(credentials.encode())
                .rules(rules())
                .dataStreamHandler((stream, rules) -> {})
                .dialer(new UnusedDialer())
                .edgeAddresses(List.of(new InetSocketAddress("127.0.0.1", 7844)))
                .build();
    }

    /**
     * Credentials whose secret is made of a marker, to look for it in outputs.
     *
     * @param marker printable ASCII, at least 32 characters
     * @return a token
     */
    public static TunnelToken credentials(String marker) {
        TunnelSecret secret = TunnelSecret.of(marker.getBytes(StandardCharsets.US_ASCII));
        return new TunnelToken("account-tag", UUID.randomUUID(), secret, "");
    }

    /**
     * Builds (does not start) a connector to this edge with one HA connection.
     *
     * @param listeners the connector listeners to add
     * @param proxyListener the stream proxy's listener
     * @return the connector, closed by {@link #close()}
     */
    public TunnelConnector connector(List<? extends ConnectorListener> listeners, ProxyListener proxyListener) {
        UUID connectorId = UUID.randomUUID();
        StreamProxy proxy = StreamProxy.builder()
                .eventLoopGroup(this.group)
                .connectorId(connectorId)
                .listener(proxyListener)
                .build();
        this.proxies.add(proxy);
        TunnelCredentials credentials = this.tunnel.credentials();
        ConnectorBuilder builder = TunnelConnector.builder()
                .credentials(credentials)
                .tunnelId(this.tunnel.id())
                .connectorId(connectorId)
                .rules(rules())
                .dataStreamHandler(proxy::proxy)
                .dialer(this.dialer)
                .protocol(ProtocolMode.HTTP2)
                .edgeAddresses(List.of(this.edge.edgeAddress()))
                .haConnections(1)
                .retries(1)
                .gracePeriod(Duration.ofSeconds(1));
        listeners.forEach(builder::listener);
        TunnelConnector connector = builder.build();
        this.connectors.add(connector);
        return connector;
    }

    /**
     * The tunnel secret in base64, to look for it in outputs.
     *
     * @return the secret
     */
    public String secretBase64() {
        return this.tunnel.secret().toBase64();
    }

    /**
     * Sends a GET through the edge's visitor port to {@value #HOSTNAME} (Reactor Netty: the JDK client refuses to set
     * {@code Host}).
     *
     * @param path the request path
     * @return the response status
     */
    public int visit(String path) {
        HttpClientResponse response = HttpClient.create()
                .headers((headers) -> headers.set("Host", HOSTNAME))
                .get()
                .uri("http://127.0.0.1:" + this.edge.visitorAddress().getPort() + path)
                .response()
                .block(Duration.ofSeconds(10));
        return Objects.requireNonNull(response, "response").status().code();
    }

    @Override
    public void close() {
        for (TunnelConnector connector : this.connectors) {
            connector
                    .close()
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally((ex) -> null)
                    .join();
        }
        this.proxies.forEach(StreamProxy::close);
        this.dialer.close();
        this.edge.close();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** A dialer for connectors that are never started. */
    private static final class UnusedDialer implements EdgeDialer {

        @Override
        public TransportProtocol protocol() {
            return TransportProtocol.HTTP2;
        }

        @Override
        public CompletableFuture<TunnelConnection> dial(InetSocketAddress edge) {
            return CompletableFuture.failedFuture(new IllegalStateException("This connector is never started"));
        }

        @Override
        public void close() {}
    }
}
