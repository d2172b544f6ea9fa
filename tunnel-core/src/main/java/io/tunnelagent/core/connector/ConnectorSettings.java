package io.tunnelagent.core.connector;

import io.tunnelagent.core.connector.edge.EdgeResolver;
import io.tunnelagent.core.connector.edge.IpVersion;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.connector.retry.Delayer;
import io.tunnelagent.core.connector.supervisor.EdgeSessions;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConnectorBuilder} collected, validated once: the connector reads its settings from here. Without a
 * custom {@link EdgeSessions} the credentials, tunnel ID, data stream handler and at least one dialer are required.
 * The record's {@code toString} never shows the credentials.
 */
record ConnectorSettings(
        @Nullable TunnelCredentials credentialsOrNull,
        @Nullable UUID tunnelIdOrNull,
        IngressRules rules,
        @Nullable DataStreamHandler dataStreamHandlerOrNull,
        Map<TransportProtocol, EdgeDialer> dialers,
        List<InetSocketAddress> edgeAddresses,
        @Nullable String region,
        EdgeResolver resolver,
        IpVersion ipVersion,
        int haConnections,
        ProtocolMode protocol,
        int retries,
        Duration gracePeriod,
        Duration rpcTimeout,
        Duration reprobeInterval,
        String version,
        boolean postQuantum,
        Function<IngressRules, String> localConfiguration,
        List<ConnectorListener> listeners,
        Clock clock,
        RandomGenerator random,
        @Nullable ScheduledExecutorService scheduler,
        @Nullable Delayer delayer,
        @Nullable EdgeSessions sessions) {

    /** The longest grace period cloudflared accepts. */
    static final Duration MAX_GRACE_PERIOD = Duration.ofMinutes(3);

    ConnectorSettings {
        checkHaConnections(haConnections);
        checkRetries(retries);
        checkGracePeriod(gracePeriod);
        if (sessions == null) {
            if (credentialsOrNull == null) {
                throw new ConnectorException("No tunnel credentials: set a token or a credentials file");
            }
            if (tunnelIdOrNull == null) {
                throw new ConnectorException("No tunnel ID: the credentials file has none, set the tunnel ID");
            }
            if (dataStreamHandlerOrNull == null) {
                throw new ConnectorException("No data stream handler: set the origin proxy that serves requests");
            }
            if (dialers.isEmpty()) {
                throw new ConnectorException("No edge dialer: add a QUIC and/or an HTTP/2 dialer");
            }
        }
        dialers = Map.copyOf(dialers);
        edgeAddresses = List.copyOf(edgeAddresses);
        listeners = List.copyOf(listeners);
    }

    TunnelCredentials credentials() {
        return Objects.requireNonNull(this.credentialsOrNull, "credentials");
    }

    UUID tunnelId() {
        return Objects.requireNonNull(this.tunnelIdOrNull, "tunnelId");
    }

    DataStreamHandler dataStreamHandler() {
        return Objects.requireNonNull(this.dataStreamHandlerOrNull, "dataStreamHandler");
    }

    @Override
    public String toString() {
        return "ConnectorSettings[tunnelId=" + this.tunnelIdOrNull + ", haConnections=" + this.haConnections
                + ", protocol=" + this.protocol + ", edgeAddresses=" + this.edgeAddresses + ", region="
                + this.region + ", retries=" + this.retries + ", gracePeriod=" + this.gracePeriod + "]";
    }

    static void checkHaConnections(int count) {
        if (count < 1 || count > 256) {
            throw new ConnectorException("haConnections must be between 1 and 256, got " + count);
        }
    }

    static void checkRetries(int retries) {
        if (retries < 0 || retries > 30) {
            throw new ConnectorException("retries must be between 0 and 30, got " + retries);
        }
    }

    static void checkGracePeriod(Duration gracePeriod) {
        if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw new ConnectorException("grace-period must be equal or less than 3m0s, got " + gracePeriod);
        }
    }

    static String defaultVersion() {
        String implementation = ConnectorSettings.class.getPackage().getImplementationVersion();
        return (implementation != null) ? implementation : "0.1.0-SNAPSHOT";
    }
}
