package io.tunnelagent.core.connector.supervisor;

import java.time.Duration;

/**
 * The supervisor's numbers, defaulting to cloudflared's (protocol doc 1.4–1.5).
 *
 * @param haConnections the connections to keep (default 4), already capped by the available addresses
 * @param maxRetries the retry count at which the backoff stops growing and fallback is considered (default 5)
 * @param backoffBase the backoff base per connection (default 1 s)
 * @param registrationInterval the pause between starting connections 1..N-1 (default 1 s)
 * @param maxEdgeAddrRetries dial failures (address rotations) before a protocol fallback (default 8)
 * @param reprobeInterval how long to stay on HTTP/2 before trying QUIC again (zero disables)
 */
public record SupervisorSettings(
        int haConnections,
        int maxRetries,
        Duration backoffBase,
        Duration registrationInterval,
        int maxEdgeAddrRetries,
        Duration reprobeInterval) {

    public SupervisorSettings {
        if (haConnections < 1 || haConnections > 256) {
            throw new IllegalArgumentException("haConnections must be between 1 and 256, got " + haConnections);
        }
    }

    /**
     * cloudflared's defaults with a 5-minute QUIC re-probe.
     *
     * @param haConnections the connections to keep
     * @return the settings
     */
    public static SupervisorSettings defaults(int haConnections) {
        return new SupervisorSettings(
                haConnections, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofMinutes(5));
    }
}
