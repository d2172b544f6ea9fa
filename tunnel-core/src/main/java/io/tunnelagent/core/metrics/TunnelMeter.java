package io.tunnelagent.core.metrics;

import java.util.List;

/**
 * Every meter {@link TunnelMetrics} registers: its name, type, tag keys and meaning. Names follow cloudflared's
 * Prometheus metrics (protocol doc 8.3) in Micrometer's dotted form, so a Prometheus registry exposes them with
 * cloudflared's names (plus Micrometer's {@code _total}/{@code _seconds} suffixes for counters and timers). Tags
 * are bounded: connection index, edge location, status code, rule index, error class; never a URL, a host name or
 * anything secret.
 */
public enum TunnelMeter {

    /** Gauge: registered HA connections ({@code cloudflared_tunnel_ha_connections}). */
    HA_CONNECTIONS("cloudflared.tunnel.ha.connections", Type.GAUGE, List.of(), "Registered HA connections"),

    /** Counter: proxied requests ({@code cloudflared_tunnel_total_requests}). */
    TOTAL_REQUESTS("cloudflared.tunnel.total.requests", Type.COUNTER, List.of(), "Proxied requests"),

    /** Gauge: requests in flight ({@code cloudflared_tunnel_concurrent_requests_per_tunnel}). */
    CONCURRENT_REQUESTS(
            "cloudflared.tunnel.concurrent.requests.per.tunnel", Type.GAUGE, List.of(), "Requests in flight"),

    /** Counter: responses by status code ({@code cloudflared_tunnel_response_by_code}). */
    RESPONSES_BY_CODE(
            "cloudflared.tunnel.response.by.code", Type.COUNTER, List.of("status_code"), "Responses by status code"),

    /** Counter: requests that failed in the connector or at the origin ({@code cloudflared_tunnel_request_errors}). */
    REQUEST_ERRORS("cloudflared.tunnel.request.errors", Type.COUNTER, List.of(), "Requests that failed"),

    /** Gauge: 1 per connection and the edge location it is registered at ({@code ..._server_locations}). */
    SERVER_LOCATIONS(
            "cloudflared.tunnel.server.locations",
            Type.GAUGE,
            List.of("connection_id", "edge_location"),
            "Edge location of each connection"),

    /** Counter: successful registrations ({@code cloudflared_tunnel_tunnel_register_success}). */
    REGISTER_SUCCESS(
            "cloudflared.tunnel.tunnel.register.success", Type.COUNTER, List.of("rpcName"), "Successful registrations"),

    /**
     * Counter: failed registrations by reason ({@code cloudflared_tunnel_tunnel_register_fail}); {@code error} is
     * {@code dup_edge_conn}, {@code server_error}, {@code rpc_error} or {@code dial_error}.
     */
    REGISTER_FAIL(
            "cloudflared.tunnel.tunnel.register.fail",
            Type.COUNTER,
            List.of("error", "rpcName"),
            "Failed registrations by reason"),

    /** Gauge: the remote configuration version in force, -1 if none ({@code ..._orchestration_config_version}). */
    CONFIG_VERSION("cloudflared.orchestration.config.version", Type.GAUGE, List.of(), "Remote configuration version"),

    /** Counter: requests per ingress rule; {@code rule} is the rule's index in the table. */
    RULE_REQUESTS("tunnel.ingress.rule.requests", Type.COUNTER, List.of("rule"), "Requests per ingress rule"),

    /** Timer: request latency per ingress rule, from the request's arrival to the end of the response. */
    RULE_LATENCY("tunnel.ingress.rule.latency", Type.TIMER, List.of("rule"), "Request latency per ingress rule");

    /** The kind of meter. */
    public enum Type {
        /** A value that goes up and down. */
        GAUGE,
        /** A count that only goes up. */
        COUNTER,
        /** A latency distribution. */
        TIMER
    }

    private final String meterName;

    private final Type type;

    private final List<String> tagKeys;

    private final String description;

    TunnelMeter(String meterName, Type type, List<String> tagKeys, String description) {
        this.meterName = meterName;
        this.type = type;
        this.tagKeys = tagKeys;
        this.description = description;
    }

    /**
     * The Micrometer name.
     *
     * @return the name
     */
    public String meterName() {
        return this.meterName;
    }

    /**
     * The meter type.
     *
     * @return the type
     */
    public Type type() {
        return this.type;
    }

    /**
     * The tag keys, in order.
     *
     * @return the keys
     */
    public List<String> tagKeys() {
        return this.tagKeys;
    }

    /**
     * What the meter measures.
     *
     * @return the description
     */
    public String description() {
        return this.description;
    }
}
