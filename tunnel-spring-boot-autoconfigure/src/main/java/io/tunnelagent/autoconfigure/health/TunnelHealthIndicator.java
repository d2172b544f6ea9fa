package io.tunnelagent.autoconfigure.health;

import io.tunnelagent.core.connector.Readiness;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code tunnel} health: UP while at least one connection is registered with the edge, OUT_OF_SERVICE once the
 * connector drains, DOWN otherwise (before the first registration, or when every connection is lost) with the last
 * failure. Reads the connector's state only; never calls the network.
 */
final class TunnelHealthIndicator implements HealthIndicator {

    private final TunnelConnector connector;

    private final LastConnectionFailure lastFailure;

    TunnelHealthIndicator(TunnelConnector connector, LastConnectionFailure lastFailure) {
        this.connector = connector;
        this.lastFailure = lastFailure;
    }

    @Override
    public Health health() {
        Readiness readiness = this.connector.readiness();
        List<ConnectionInfo> connections = this.connector.connections();
        Health.Builder health;
        if (readiness.draining()) {
            health = Health.outOfService().withDetail("draining", true);
        } else if (!connections.isEmpty()) {
            health = Health.up();
        } else {
            health = Health.down();
        }
        health.withDetail("connectorId", readiness.connectorId().toString())
                .withDetail("connections", byIndex(connections));
        Map<String, Object> failure = this.lastFailure.details();
        if (connections.isEmpty() && failure != null) {
            health.withDetail("lastError", failure);
        }
        return health.build();
    }

    private static Map<String, Object> byIndex(List<ConnectionInfo> connections) {
        Map<String, Object> byIndex = new LinkedHashMap<>();
        for (ConnectionInfo connection : connections) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("location", connection.location());
            details.put("protocol", connection.protocol().name().toLowerCase(Locale.ROOT));
            details.put("edge", hostAndPort(connection.edge()));
            details.put("connectionId", connection.connectionId().toString());
            byIndex.put(Integer.toString(connection.connIndex()), details);
        }
        return byIndex;
    }

    static String hostAndPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0) ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
    }
}
