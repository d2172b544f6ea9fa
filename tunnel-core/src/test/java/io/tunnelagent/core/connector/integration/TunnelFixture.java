package io.tunnelagent.core.connector.integration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.metrics.TunnelMetrics;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every end-to-end test needs, owned in one place and closed after each test (register it with
 * {@code @RegisterExtension}, or open it on a directory and close it yourself): a {@link LocalEdge} on loopback
 * with one tunnel routed at {@code *.e2e.localhost}, the origins, an event loop group, and the connectors the test
 * builds (each with its own {@link StreamProxy} and metrics), all dialling the edge over one {@link Transport}.
 *
 * <p>The ingress rules every connector gets: {@code app.} HTTP origin, {@code unix.} the same origin on a Unix
 * socket, {@code ssh.} TCP echo over WebSocket, {@code teapot.} {@code http_status:418}, {@code hello.}
 * {@code hello_world}, {@code down.} a closed port, {@code slow.} a listener that never accepts (connect timeout
 * {@link #SLOW_CONNECT_TIMEOUT}), anything else {@code http_status:404}.
 */
final class TunnelFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    static final String DOMAIN = ".e2e.localhost";

    static final Duration SLOW_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final Map<Transport, EdgeDialer> dialers = new EnumMap<>(Transport.class);

    private final List<TunnelConnector> connectors = new ArrayList<>();

    private final List<StreamProxy> proxies = new ArrayList<>();

    private final Map<TunnelConnector, SimpleMeterRegistry> meters = new IdentityHashMap<>();

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private Path state;

    private Path ownedState;

    private EventLoopGroup group;

    private TestOrigins origins;

    private List<IngressRuleDefinition> rules;

    private Tunnel tunnel;

    private LocalEdge edge;

    /** For {@code @RegisterExtension}: opened before each test in a new temporary directory, closed after it. */
    TunnelFixture() {}

    /** Opened at once with the given state directory; the caller closes it. */
    TunnelFixture(Path state) {
        open(state);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        this.ownedState = Files.createTempDirectory("tunnel-e2e");
        open(this.ownedState);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(this.ownedState)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void open(Path directory) {
        this.state = directory;
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.origins = new TestOrigins(this.group);
        this.edge = startEdge(0);
        this.tunnel = this.edge.createTunnel("app", "*" + DOMAIN);
        Path socket = directory.resolve("origin.sock");
        this.origins.unixHttp(socket);
        String loopback = "http://127.0.0.1:";
        IngressRuleDefinition slow = IngressRuleDefinition.of(host("slow"), loopback + this.origins.blackHole());
        slow.getOriginRequest().setConnectTimeout(SLOW_CONNECT_TIMEOUT);
        this.rules = List.of(
                IngressRuleDefinition.of(host("app"), loopback + this.origins.http()),
                IngressRuleDefinition.of(host("unix"), "unix:" + socket),
                IngressRuleDefinition.of(host("ssh"), "ssh://127.0.0.1:" + this.origins.tcpEcho()),
                IngressRuleDefinition.of(host("teapot"), "http_status:418"),
                IngressRuleDefinition.of(host("hello"), "hello_world"),
                IngressRuleDefinition.of(host("down"), loopback + TestOrigins.closedPort()),
                slow,
                IngressRuleDefinition.of(null, "http_status:404"));
    }

    /** The visitor host name for a rule's label ({@code app} → {@code app.e2e.localhost}). */
    static String host(String label) {
        return label + DOMAIN;
    }

    LocalEdge edge() {
        return this.edge;
    }

    Tunnel tunnel() {
        return this.tunnel;
    }

    TestOrigins origins() {
        return this.origins;
    }

    /** Builds a connector (one HA connection, one retry, 5 s grace) for the fixture's tunnel; not started. */
    TunnelConnector connector(Transport transport, ConnectorListener... listeners) {
        return connector(transport, this.rules, listeners);
    }

    /** Builds a connector with other ingress rules; not started. */
    TunnelConnector connector(
            Transport transport, List<IngressRuleDefinition> ingress, ConnectorListener... listeners) {
        UUID connectorId = UUID.randomUUID();
        AtomicReference<TunnelConnector> built = new AtomicReference<>();
        TunnelMetrics metrics = new TunnelMetrics(() -> built.get().configVersion());
        StreamProxy proxy = StreamProxy.builder()
                .eventLoopGroup(this.group)
                .connectorId(connectorId)
                .listener(metrics)
                .build();
        this.proxies.add(proxy);
        var builder = TunnelConnector.builder()
                .credentials(this.tunnel.credentials())
                .tunnelId(this.tunnel.id())
                .connectorId(connectorId)
                .rules(IngressRules.compile(ingress, null))
                .dataStreamHandler(proxy::proxy)
                .dialer(this.dialers.computeIfAbsent(transport, (key) -> key.dialer(this.edge)))
                .protocol(transport.mode)
                .edgeAddresses(List.of(this.edge.edgeAddress()))
                .haConnections(1)
                .retries(1)
                .gracePeriod(Duration.ofSeconds(5))
                .listener(metrics)
                .listener(new ConnectorListener() {
                    @Override
                    public void connectionFailed(
                            int connIndex,
                            InetSocketAddress edge,
                            TransportProtocol protocol,
                            ConnectionFailure failure) {
                        TunnelFixture.this.failures.add(failure.toString());
                    }
                });
        for (ConnectorListener listener : listeners) {
            builder.listener(listener);
        }
        TunnelConnector connector = builder.build();
        built.set(connector);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        this.meters.put(connector, registry);
        this.connectors.add(connector);
        return connector;
    }

    /** Builds and starts a connector; fails naming the connection failures if it does not register in 15 s. */
    TunnelConnector started(Transport transport, ConnectorListener... listeners) throws Exception {
        return started(connector(transport, listeners));
    }

    /** Starts a connector; fails naming the connection failures if it does not register in 15 s. */
    TunnelConnector started(TunnelConnector connector) throws Exception {
        try {
            connector.start().get(15, TimeUnit.SECONDS);
        } catch (TimeoutException ex) {
            throw new AssertionError("Not registered within 15 s; failures: " + this.failures, ex);
        }
        return connector;
    }

    /** The registry the connector's {@link TunnelMetrics} are bound to. */
    SimpleMeterRegistry meters(TunnelConnector connector) {
        return this.meters.get(connector);
    }

    /** A new visitor connection to the edge's HTTP port. */
    Visitor visitor() throws IOException {
        return Visitor.connect(this.edge.visitorAddress());
    }

    /** One GET on a new visitor connection. */
    Visitor.Response get(String label, String path) throws IOException {
        try (Visitor visitor = visitor()) {
            return visitor.get(host(label), path);
        }
    }

    /** Stops the edge (connections, listeners, threads). */
    void stopEdge() {
        this.edge.close();
    }

    /** Starts the edge again from the same state directory, on the given edge port. */
    void restartEdge(int edgePort) {
        this.edge = startEdge(edgePort);
    }

    private LocalEdge startEdge(int port) {
        return LocalEdge.builder()
                .stateDirectory(this.state)
                .ephemeralPorts()
                .edgePort(port)
                .responseTimeout(Duration.ofSeconds(30))
                .gracePeriod(Duration.ofSeconds(5))
                .start();
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
        this.dialers.values().forEach(EdgeDialer::close);
        this.edge.close();
        this.origins.close();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
