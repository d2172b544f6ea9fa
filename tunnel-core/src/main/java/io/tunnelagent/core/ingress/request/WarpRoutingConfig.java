package io.tunnelagent.core.ingress.request;

import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Resolved {@code warp-routing} settings.
 *
 * @param connectTimeout dial timeout for private-network destinations (default 5s)
 * @param tcpKeepAlive TCP keep-alive period (default 30s)
 * @param maxActiveFlows maximum concurrent flows, 0 for unlimited (default 0)
 */
public record WarpRoutingConfig(Duration connectTimeout, Duration tcpKeepAlive, long maxActiveFlows) {

    /** Default dial timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Default TCP keep-alive period. */
    public static final Duration DEFAULT_TCP_KEEP_ALIVE = Duration.ofSeconds(30);

    /** cloudflared's defaults. */
    public static WarpRoutingConfig defaults() {
        return new WarpRoutingConfig(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TCP_KEEP_ALIVE, 0);
    }

    /** The defaults overridden by what the definition sets ({@code null} = defaults). */
    public static WarpRoutingConfig resolve(@Nullable WarpRoutingDefinition definition) {
        if (definition == null) {
            return defaults();
        }
        Duration connect = definition.getConnectTimeout();
        Duration keepAlive = definition.getTcpKeepAlive();
        Long flows = definition.getMaxActiveFlows();
        return new WarpRoutingConfig(
                (connect != null) ? connect : DEFAULT_CONNECT_TIMEOUT,
                (keepAlive != null) ? keepAlive : DEFAULT_TCP_KEEP_ALIVE,
                (flows != null) ? flows : 0);
    }

    /** Returns this configuration with {@code maxActiveFlows} replaced, as a local {@code --max-active-flows} does. */
    public WarpRoutingConfig withMaxActiveFlows(long maxActiveFlows) {
        return new WarpRoutingConfig(this.connectTimeout, this.tcpKeepAlive, maxActiveFlows);
    }
}
