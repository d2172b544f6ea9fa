package io.tunnelagent.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.benchmarks.load.http.Endpoint;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.transport.EdgeDialer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A local edge and a real connector with one connection over one transport, serving one tunnel whose only rule
 * points at the origin. Visitors reach it on the edge's visitor port with {@code Host: bench.localhost}.
 */
final class TunnelRig implements AutoCloseable {

    private static final String HOST = "bench.localhost";

    private final LocalEdge edge;

    private final EventLoopGroup proxyGroup;

    private final StreamProxy proxy;

    private final EdgeDialer dialer;

    private final TunnelConnector connector;

    private TunnelRig(
            LocalEdge edge,
            EventLoopGroup proxyGroup,
            StreamProxy proxy,
            EdgeDialer dialer,
            TunnelConnector connector) {
        this.edge = edge;
        this.proxyGroup = proxyGroup;
        this.proxy = proxy;
        this.dialer = dialer;
        this.connector = connector;
    }

    static TunnelRig start(Target target, InetSocketAddress origin, Path state) throws Exception {
        LocalEdge edge =
                LocalEdge.builder().stateDirectory(state).ephemeralPorts().start();
        Tunnel tunnel = edge.createTunnel("bench", HOST);
        UUID connectorId = UUID.randomUUID();
        EventLoopGroup proxyGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        StreamProxy proxy = StreamProxy.builder()
                .eventLoopGroup(proxyGroup)
                .connectorId(connectorId)
                .build();
        EdgeDialer dialer = target.dialer(edge);
        IngressRules rules = IngressRules.compile(
                List.of(
                        IngressRuleDefinition.of(HOST, "http://127.0.0.1:" + origin.getPort()),
                        IngressRuleDefinition.of(null, "http_status:404")),
                null);
        TunnelConnector connector = TunnelConnector.builder()
                .credentials(tunnel.credentials())
                .tunnelId(tunnel.id())
                .connectorId(connectorId)
                .rules(rules)
                .dataStreamHandler(proxy::proxy)
                .dialer(dialer)
                .protocol(target.mode())
                .edgeAddresses(List.of(edge.edgeAddress()))
                .haConnections(1)
                .gracePeriod(Duration.ofSeconds(1))
                .build();
        TunnelRig rig = new TunnelRig(edge, proxyGroup, proxy, dialer, connector);
        try {
            connector.start().get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            rig.close();
            throw ex;
        }
        return rig;
    }

    Endpoint endpoint() {
        return new Endpoint(this.edge.visitorAddress(), HOST);
    }

    @Override
    public void close() {
        this.connector
                .close()
                .orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(ex -> null)
                .join();
        this.proxy.close();
        this.dialer.close();
        this.edge.close();
        this.proxyGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
