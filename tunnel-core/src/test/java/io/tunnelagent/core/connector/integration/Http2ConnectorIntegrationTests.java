package io.tunnelagent.core.connector.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over HTTP/2: a real connector against the local edge on loopback, a real origin behind it. */
class Http2ConnectorIntegrationTests {

    @TempDir
    Path state;

    private LocalEdge edge;

    private HttpServer origin;

    private EventLoopGroup group;

    private Http2EdgeDialer dialer;

    private StreamProxy proxy;

    private final List<TunnelConnector> connectors = new ArrayList<>();

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
        this.origin.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        this.origin.start();
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.dialer = Http2EdgeDialer.builder()
                .trustedRoots(List.of(this.edge.caCertificate()))
                .build();
    }

    @AfterEach
    void stop() {
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
        this.dialer.close();
        this.edge.close();
        this.origin.stop(0);
        ((java.util.concurrent.ExecutorService) this.origin.getExecutor()).shutdownNow();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void drainOfOneOfTwoConnectorsLosesNoRequestUnderSteadyLoad() throws Exception {
        Tunnel tunnel = this.edge.createTunnel("app", "app.localhost");
        TunnelConnector first = connector(tunnel, null);
        TunnelConnector second = connector(tunnel, null);
        first.start().get(10, TimeUnit.SECONDS);
        second.start().get(10, TimeUnit.SECONDS);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch beforeDrain = new CountDownLatch(10);
        CountDownLatch afterDrain = new CountDownLatch(10);
        AtomicBoolean drained = new AtomicBoolean();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                int status;
                try {
                    status = get("app.localhost", "/load").status();
                } catch (Exception ex) {
                    status = -1;
                }
                statuses.add(status);
                (drained.get() ? afterDrain : beforeDrain).countDown();
            }
        });
        assertThat(beforeDrain.await(20, TimeUnit.SECONDS)).isTrue();
        first.drain(Duration.ofSeconds(5)).get(15, TimeUnit.SECONDS);
        drained.set(true);
        assertThat(afterDrain.await(20, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        load.get(20, TimeUnit.SECONDS);
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(20).containsOnly(200);
        assertThat(first.readiness().ready()).isFalse();
        assertThat(second.readiness().ready()).isTrue();
    }

    private TunnelConnector connector(Tunnel tunnel, ConnectorListener listener) {
        UUID connectorId = UUID.randomUUID();
        if (this.proxy == null) {
            this.proxy = StreamProxy.builder()
                    .eventLoopGroup(this.group)
                    .connectorId(connectorId)
                    .build();
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
                .protocol(ProtocolMode.HTTP2)
                .edgeAddresses(List.of(this.edge.edgeAddress()))
                .haConnections(1)
                .retries(1)
                .gracePeriod(Duration.ofSeconds(5));
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

    private record Response(int status, String body) {}
}
