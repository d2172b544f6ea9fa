package io.tunnelagent.transport;

/** The side of a tunnel connection: the connector dials out, the edge listens. */
public enum TunnelRole {
    /** The side that dials the edge and proxies to origins ({@code cloudflared}'s job). */
    CONNECTOR,
    /** The side that accepts connector connections and opens a stream per visitor request. */
    EDGE
}
