package io.tunnelagent.core.connector.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.metrics.TunnelMeter;
import io.tunnelagent.core.metrics.TunnelMetrics;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.registration.LiveConnection;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end over the transports the connector dials (Netty QUIC, Kwik QUIC, HTTP/2): a real connector against the
 * local edge on loopback, a real origin behind it, requests through the edge's visitor port.
 */
class TransportConnectorIntegrationTests {

    @TempDir
    Path state;

    private LocalEdge edge;

    private HttpServer origin;

    private EventLoopGroup group;

    private EdgeDialer dialer;

    private StreamProxy proxy;

    private final List<TunnelConnector> connectors = new ArrayList<>();

    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private final CountDownLatch slowArrived = new CountDownLatch(1);

    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        this.edge = startEdge(0);
        this.origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.origin.createContext("/", (exchange) -> {
            byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.origin.createContext("/slow", (exchange) -> {
            this.slowArrived.countDown();
            try {
                this.releaseSlow.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "hello /slow".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.origin.setExecutor(Executors.newFixedThreadPool(4));
        this.origin.start();
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws Exception {
        for (TunnelConnector connector : this.connectors) {
            connector
                    .close()
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally((ex) -> null)
                    .join();
        }
        if (this.proxy != null) {
            this.proxy.close();
        }
        if (this.dialer != null) {
            this.dialer.close();
        }
        this.edge.close();
        this.releaseSlow.countDown();
        this.origin.stop(0);
        ((ExecutorService) this.origin.getExecutor()).shutdownNow();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersAndServesAGetThroughTheEdgeToTheOrigin(Transport transport) throws Exception {
        Tunnel tunnel = this.edge.createTunnel("app", "app.localhost");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TunnelConnector connector = connector(transport, tunnel, null);
        TunnelMetrics.of(connector).bindTo(registry);
        started(connector);

        assertThat(connector.readiness().ready()).isTrue();
        ConnectionInfo info = connector.connections().get(0);
        assertThat(info.protocol()).isEqualTo(transport.protocol);
        assertThat(info.location()).isNotEmpty();
        Response response = get("app.localhost", "/hello");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello /hello");
        assertThat(get("app.localhost", "/again").body()).isEqualTo("hello /again");
        assertThat(registry.get(TunnelMeter.HA_CONNECTIONS.meterName()).gauge().value())
                .isEqualTo(1);
        assertThat(registry.get(TunnelMeter.REGISTER_SUCCESS.meterName())
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void killingOneConnectionLeavesInFlightRequestsOnTheOtherAloneAndNewRequestsAvoidIt(Transport transport)
            throws Exception {
        Tunnel tunnel = this.edge.createTunnel("app", "app.localhost");
        TunnelConnector first = connector(transport, tunnel, null);
        TunnelConnector second = connector(transport, tunnel, null);
        started(first);
        started(second);
        assertThat(this.edge.connections().connections(tunnel.id())).hasSize(2);

        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> getUnchecked("/slow"));
        assertThat(this.slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        List<LiveConnection> live = this.edge.connections().connections(tunnel.id());
        LiveConnection busy =
                live.stream().filter((c) -> c.inFlight() > 0).findFirst().orElseThrow();
        LiveConnection idle = live.stream().filter((c) -> c != busy).findFirst().orElseThrow();
        idle.transport().close(0, "killed by the test").get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 6; i++) {
            Response response = get("app.localhost", "/after");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello /after");
        }
        this.releaseSlow.countDown();
        Response slowResponse = slow.get(10, TimeUnit.SECONDS);
        assertThat(slowResponse.status()).isEqualTo(200);
        assertThat(slowResponse.body()).isEqualTo("hello /slow");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void edgeRestartGetsTheConnectionBackWithinTheFirstRetryWindowOfTheEdgeListeningAgain(Transport transport)
            throws Exception {
        Tunnel tunnel = this.edge.createTunnel("app", "app.localhost");
        CountDownLatch lost = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(2);
        TunnelConnector connector = connector(transport, tunnel, new ConnectorListener() {
            @Override
            public void connected(ConnectionInfo connection) {
                back.countDown();
            }

            @Override
            public void disconnected(ConnectionInfo connection, String reason) {
                lost.countDown();
            }
        });
        started(connector);
        int port = this.edge.edgeAddress().getPort();
        this.edge.close();
        long closed = System.nanoTime();
        assertThat(lost.await(15, TimeUnit.SECONDS)).isTrue();
        Duration noticed = Duration.ofNanos(System.nanoTime() - closed);
        this.edge = startEdge(port);
        long listening = System.nanoTime();
        assertThat(back.await(15, TimeUnit.SECONDS)).isTrue();
        Duration reconnected = Duration.ofNanos(System.nanoTime() - listening);

        // The connection ends as soon as the edge closes it; the first retry after a registered connection waits
        // a random time below 2 s (the backoff restarts at a successful registration), plus one handshake.
        assertThat(noticed).isLessThan(Duration.ofSeconds(2));
        assertThat(reconnected).isLessThan(Duration.ofSeconds(4));
        assertThat(connector.readiness().ready()).isTrue();
        assertThat(get("app.localhost", "/back").body()).isEqualTo("hello /back");
    }

    private void started(TunnelConnector connector) throws Exception {
        try {
            connector.start().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException ex) {
            throw new AssertionError("Not registered within 15 s; failures: " + this.failures, ex);
        }
    }

    TunnelConnector connector(Transport transport, Tunnel tunnel, ConnectorListener listener) {
        UUID connectorId = UUID.randomUUID();
        if (this.proxy == null) {
            this.proxy = StreamProxy.builder()
                    .eventLoopGroup(this.group)
                    .connectorId(connectorId)
                    .build();
        }
        if (this.dialer == null) {
            this.dialer = transport.dialer(this.edge);
        }
        IngressRules rules = IngressRules.compile(
                List.of(
                        IngressRuleDefinition.of(
                                "app.localhost",
                                "http://127.0.0.1:" + this.origin.getAddress().getPort()),
                        IngressRuleDefinition.of(null, "http_status:404")),
                null);
        var builder = TunnelConnector.builder()
                .credentials(tunnel.credentials())
                .tunnelId(tunnel.id())
                .connectorId(connectorId)
                .rules(rules)
                .dataStreamHandler(this.proxy::proxy)
                .dialer(this.dialer)
                .protocol(transport.mode)
                .edgeAddresses(List.of(this.edge.edgeAddress()))
                .haConnections(1)
                .retries(1)
                .gracePeriod(Duration.ofSeconds(5));
        builder.listener(new ConnectorListener() {
            @Override
            public void connectionFailed(
                    int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
                TransportConnectorIntegrationTests.this.failures.add(failure.toString());
            }
        });
        if (listener != null) {
            builder.listener(listener);
        }
        TunnelConnector connector = builder.build();
        this.connectors.add(connector);
        return connector;
    }

    private LocalEdge startEdge(int port) {
        return LocalEdge.builder()
                .stateDirectory(this.state)
                .ephemeralPorts()
                .edgePort(port)
                .responseTimeout(Duration.ofSeconds(5))
                .gracePeriod(Duration.ofSeconds(5))
                .start();
    }

    /** A plain HTTP/1.1 GET through the edge's visitor port (the JDK client refuses to set Host). */
    private Response get(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.edge.visitorAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            int bodyStart = raw.indexOf("\r\n\r\n");
            return new Response(status, (bodyStart < 0) ? "" : raw.substring(bodyStart + 4));
        }
    }

    private Response getUnchecked(String path) {
        try {
            return get("app.localhost", path);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record Response(int status, String body) {}

    /** The connector's transports, each with the dialer that trusts the local edge's CA. */
    enum Transport {
        NETTY_QUIC(ProtocolMode.QUIC, TransportProtocol.QUIC),
        KWIK_QUIC(ProtocolMode.QUIC, TransportProtocol.QUIC),
        HTTP2(ProtocolMode.HTTP2, TransportProtocol.HTTP2);

        final ProtocolMode mode;

        final TransportProtocol protocol;

        Transport(ProtocolMode mode, TransportProtocol protocol) {
            this.mode = mode;
            this.protocol = protocol;
        }

        EdgeDialer dialer(LocalEdge edge) {
            if (this == HTTP2) {
                return Http2EdgeDialer.builder()
                        .trustedRoots(List.of(edge.caCertificate()))
                        .build();
            }
            QuicImplementation implementation = this == KWIK_QUIC ? QuicImplementation.KWIK : QuicImplementation.NETTY;
            return QuicTransports.dialer(
                    implementation, EdgeTrust.of(edge.caCertificate()), QuicSettings.connector(), null);
        }
    }
}
