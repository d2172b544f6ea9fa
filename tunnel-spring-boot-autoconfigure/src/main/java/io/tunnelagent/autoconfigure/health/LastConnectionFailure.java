package io.tunnelagent.autoconfigure.health;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the last failed connection or registration attempt, for the health details. It stays known after a
 * connection succeeds, so that a later DOWN (every connection lost) still says what went wrong last. A connector's
 * failure messages never contain credentials ({@link ConnectionFailure}), so the details carry none either.
 */
final class LastConnectionFailure implements ConnectorListener {

    private final Clock clock;

    private volatile @Nullable Failure last;

    LastConnectionFailure(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void connectionFailed(
            int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
        this.last = new Failure(
                connIndex, TunnelHealthIndicator.hostAndPort(edge), protocol, failure, this.clock.instant());
    }

    /**
     * The last failure as health details.
     *
     * @return the details, or null if no attempt failed yet
     */
    @Nullable
    Map<String, Object> details() {
        Failure failure = this.last;
        return (failure != null) ? failure.details() : null;
    }

    private record Failure(
            int connIndex, String edge, TransportProtocol protocol, ConnectionFailure failure, Instant at) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("connection", this.connIndex);
            details.put("edge", this.edge);
            details.put("protocol", this.protocol.name().toLowerCase(Locale.ROOT));
            details.put("kind", this.failure.kind().name());
            details.put("message", this.failure.message());
            details.put("at", this.at.toString());
            return details;
        }
    }
}
