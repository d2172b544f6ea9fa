package io.tunnelagent.core.connector;

import java.util.UUID;

/**
 * cloudflared's {@code /ready} (protocol doc 8.2): ready when at least one connection is registered and the
 * connector is not draining.
 *
 * @param readyConnections the registered connections
 * @param connectorId the connector ID of this start, sent to the edge as the client ID
 * @param draining whether a drain has started (then not ready, whatever the count)
 */
public record Readiness(int readyConnections, UUID connectorId, boolean draining) {

    /**
     * Whether the connector can serve requests.
     *
     * @return true when ready
     */
    public boolean ready() {
        return !this.draining && this.readyConnections > 0;
    }

    /**
     * The HTTP status {@code /ready} answers with.
     *
     * @return 200 or 503
     */
    public int status() {
        return ready() ? 200 : 503;
    }

    /**
     * The body of {@code /ready}, as cloudflared writes it.
     *
     * @return {@code {"status":200,"readyConnections":4,"connectorId":"…"}}
     */
    public String toJson() {
        return "{\"status\":" + status() + ",\"readyConnections\":" + this.readyConnections + ",\"connectorId\":\""
                + this.connectorId + "\"}";
    }
}
