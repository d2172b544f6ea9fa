package io.tunnelagent.autoconfigure.endpoint;

import io.tunnelagent.autoconfigure.ingress.IngressUpdateRejectedEvent;
import io.tunnelagent.core.connector.Readiness;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code tunnel} endpoint reports: the connector, its readiness and connections, the remote configuration
 * version, the ingress table in force and the last ingress update that was refused. Holds no credentials.
 *
 * @param connectorId the connector ID, sent to the edge as the client ID
 * @param readiness whether the connector can serve requests (cloudflared's {@code /ready})
 * @param connections the registered connections, by index
 * @param configVersion the remote configuration version in force, -1 if none was pushed
 * @param ingress the rules in force, in cloudflared's configuration JSON: {@code hostname}, {@code path},
 *     {@code service} and each rule's {@code originRequest} values that differ from cloudflared's defaults
 * @param lastRejectedIngressUpdate the last ingress update that failed validation, or null
 */
public record TunnelDescriptor(
        UUID connectorId,
        ReadinessDescriptor readiness,
        List<ConnectionDescriptor> connections,
        int configVersion,
        List<Object> ingress,
        @Nullable RejectedIngressUpdate lastRejectedIngressUpdate) {

    /**
     * The connector's readiness.
     *
     * @param ready whether at least one connection is registered and no drain has started
     * @param readyConnections the registered connections
     * @param draining whether a drain has started
     */
    public record ReadinessDescriptor(boolean ready, int readyConnections, boolean draining) {

        static ReadinessDescriptor of(Readiness readiness) {
            return new ReadinessDescriptor(readiness.ready(), readiness.readyConnections(), readiness.draining());
        }
    }

    /**
     * A registered connection.
     *
     * @param index the HA connection index
     * @param connectionId the connection UUID the edge assigned
     * @param location the edge location (colo code)
     * @param protocol {@code quic} or {@code http2}
     * @param edge the edge address, {@code host:port}
     * @param remotelyManaged whether the edge manages the tunnel's configuration
     */
    public record ConnectionDescriptor(
            int index, UUID connectionId, String location, String protocol, String edge, boolean remotelyManaged) {

        static ConnectionDescriptor of(ConnectionInfo connection) {
            InetSocketAddress edge = connection.edge();
            String host = edge.getHostString();
            return new ConnectionDescriptor(
                    connection.connIndex(),
                    connection.connectionId(),
                    connection.location(),
                    connection.protocol().name().toLowerCase(Locale.ROOT),
                    ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + edge.getPort(),
                    connection.remotelyManaged());
        }
    }

    /**
     * An ingress update that was refused; the rules in force stayed as they were.
     *
     * @param reason cloudflared's validation message
     * @param rejectedAt when it was refused
     */
    public record RejectedIngressUpdate(String reason, Instant rejectedAt) {

        static RejectedIngressUpdate of(IngressUpdateRejectedEvent event) {
            return new RejectedIngressUpdate(event.getReason(), event.getRejectedAt());
        }
    }

    static List<Object> ingressOf(Map<?, ?> localConfiguration) {
        Object ingress = localConfiguration.get("ingress");
        return (ingress instanceof List<?> rules) ? List.copyOf(rules) : List.of();
    }
}
