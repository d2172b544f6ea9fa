package io.tunnelagent.edge.metrics;

/** The names of the edge's meters (Prometheus renders dots as underscores and adds unit suffixes). */
public enum EdgeMeter {

    /** Gauge: registered connector connections. */
    CONNECTIONS("tunnel.edge.connections"),

    /** Counter, tag {@code result}: registration attempts by result. */
    REGISTRATIONS("tunnel.edge.registrations"),

    /** Counter, tag {@code status} ({@code 2xx} … {@code 5xx}): visitor requests by status class. */
    REQUESTS("tunnel.edge.requests"),

    /** Counter, tag {@code direction} ({@code to_connector}, {@code to_visitor}): proxied body bytes. */
    BYTES("tunnel.edge.bytes"),

    /** Gauge: visitor requests in flight on data streams. */
    ACTIVE_STREAMS("tunnel.edge.active.streams");

    private final String meterName;

    EdgeMeter(String meterName) {
        this.meterName = meterName;
    }

    /**
     * The Micrometer name.
     *
     * @return the name
     */
    public String meterName() {
        return meterName;
    }
}
