package io.tunnelagent.core.ingress.definition;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The {@code warp-routing} section: settings for private-network TCP/UDP flows. Unset values use the defaults. */
public final class WarpRoutingDefinition {

    /** Timeout for dialing a private-network destination; default 5s. */
    private @Nullable Duration connectTimeout;

    /** TCP keep-alive period of private-network connections; default 30s. */
    private @Nullable Duration tcpKeepAlive;

    /** Maximum number of concurrent flows; 0 (the default) means unlimited. */
    private @Nullable Long maxActiveFlows;

    public @Nullable Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getTcpKeepAlive() {
        return this.tcpKeepAlive;
    }

    public void setTcpKeepAlive(@Nullable Duration tcpKeepAlive) {
        this.tcpKeepAlive = tcpKeepAlive;
    }

    public @Nullable Long getMaxActiveFlows() {
        return this.maxActiveFlows;
    }

    public void setMaxActiveFlows(@Nullable Long maxActiveFlows) {
        this.maxActiveFlows = maxActiveFlows;
    }
}
