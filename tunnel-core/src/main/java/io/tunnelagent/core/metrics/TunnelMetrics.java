package io.tunnelagent.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.core.proxy.ProxyResult;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The connector's meters ({@link TunnelMeter} lists them). Counts connection events as a {@link ConnectorListener}
 * and requests as the {@code StreamProxy}'s {@link ProxyListener} (or through {@link #requestStarted(int)} /
 * {@link #requestFinished(int, int, Duration)} / {@link #requestFailed(int, Duration)} directly). Events before
 * {@link #bindTo(MeterRegistry)} are not counted.
 */
public final class TunnelMetrics implements MeterBinder, ConnectorListener, ProxyListener {

    private static final String REGISTER_CONNECTION = "registerConnection";

    private final IntSupplier configVersion;

    private final AtomicInteger connections = new AtomicInteger();

    private final AtomicInteger inFlight = new AtomicInteger();

    private final Map<String, AtomicInteger> locations = new ConcurrentHashMap<>();

    private final Map<Long, AtomicInteger> startedStreams = new ConcurrentHashMap<>();

    private volatile @Nullable MeterRegistry registry;

    /**
     * Creates the binder.
     *
     * @param configVersion supplies the remote configuration version in force
     */
    public TunnelMetrics(IntSupplier configVersion) {
        this.configVersion = configVersion;
    }

    /**
     * Creates the binder for a connector and registers it as the connector's listener.
     *
     * @param connector the connector
     * @return the binder
     */
    public static TunnelMetrics of(TunnelConnector connector) {
        TunnelMetrics metrics = new TunnelMetrics(connector::configVersion);
        connector.addListener(metrics);
        return metrics;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        gauge(meterRegistry, TunnelMeter.HA_CONNECTIONS, this.connections);
        gauge(meterRegistry, TunnelMeter.CONCURRENT_REQUESTS, this.inFlight);
        Gauge.builder(TunnelMeter.CONFIG_VERSION.meterName(), this.configVersion, IntSupplier::getAsInt)
                .description(TunnelMeter.CONFIG_VERSION.description())
                .register(meterRegistry);
        this.registry = meterRegistry;
    }

    @Override
    public void connected(ConnectionInfo connection) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        this.connections.incrementAndGet();
        counter(meters, TunnelMeter.REGISTER_SUCCESS, Tags.of("rpcName", REGISTER_CONNECTION))
                .increment();
        location(meters, connection).set(1);
    }

    @Override
    public void disconnected(ConnectionInfo connection, String reason) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        this.connections.decrementAndGet();
        location(meters, connection).set(0);
    }

    @Override
    public void connectionFailed(
            int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        Tags tags = Tags.of("error", reason(failure.kind()), "rpcName", REGISTER_CONNECTION);
        counter(meters, TunnelMeter.REGISTER_FAIL, tags).increment();
    }

    @Override
    public void requestStarted(long streamId, ConnectionType type, int ruleIndex) {
        this.startedStreams
                .computeIfAbsent(streamId, (ignored) -> new AtomicInteger())
                .incrementAndGet();
        requestStarted(ruleIndex);
    }

    @Override
    public void requestFinished(ProxyResult result) {
        AtomicInteger started = this.startedStreams.get(result.streamId());
        if (started == null || started.getAndDecrement() <= 0) {
            // Failed before routing: count the error without a start.
            requestStarted(result.ruleIndex());
        }
        if (started != null && started.get() <= 0) {
            this.startedStreams.remove(result.streamId(), started);
        }
        if (result.isSuccess()) {
            requestFinished(result.ruleIndex(), result.status(), result.duration());
        } else {
            requestFailed(result.ruleIndex(), result.duration());
        }
    }

    /**
     * A proxied request arrived and matched a rule.
     *
     * @param ruleIndex the index of the matched rule
     */
    public void requestStarted(int ruleIndex) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        this.inFlight.incrementAndGet();
        counter(meters, TunnelMeter.TOTAL_REQUESTS, Tags.empty()).increment();
        counter(meters, TunnelMeter.RULE_REQUESTS, Tags.of("rule", ruleTag(ruleIndex)))
                .increment();
    }

    /**
     * A proxied request got a response and finished.
     *
     * @param ruleIndex the index of the matched rule
     * @param statusCode the response status
     * @param latency from arrival to the end of the response
     */
    public void requestFinished(int ruleIndex, int statusCode, Duration latency) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        this.inFlight.decrementAndGet();
        counter(meters, TunnelMeter.RESPONSES_BY_CODE, Tags.of("status_code", statusTag(statusCode)))
                .increment();
        timer(meters, ruleIndex).record(latency);
    }

    /**
     * A proxied request failed (origin unreachable, stream reset, handler error).
     *
     * @param ruleIndex the index of the matched rule
     * @param latency from arrival to the failure
     */
    public void requestFailed(int ruleIndex, Duration latency) {
        MeterRegistry meters = this.registry;
        if (meters == null) {
            return;
        }
        this.inFlight.decrementAndGet();
        counter(meters, TunnelMeter.REQUEST_ERRORS, Tags.empty()).increment();
        timer(meters, ruleIndex).record(latency);
    }

    static String reason(ConnectionFailure.Kind kind) {
        return switch (kind) {
            case DUPLICATE -> "dup_edge_conn";
            case RETRYABLE, PERMANENT -> "server_error";
            case CONTROL_STREAM, LOST -> "rpc_error";
            case DIAL, QUIC_BROKEN -> "dial_error";
        };
    }

    static String ruleTag(int ruleIndex) {
        return (ruleIndex >= 0) ? Integer.toString(ruleIndex) : "none";
    }

    static String statusTag(int statusCode) {
        return (statusCode >= 100 && statusCode <= 599) ? Integer.toString(statusCode) : "other";
    }

    private AtomicInteger location(MeterRegistry meters, ConnectionInfo connection) {
        String key = connection.connIndex() + "|" + connection.location();
        return this.locations.computeIfAbsent(key, (ignored) -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(TunnelMeter.SERVER_LOCATIONS.meterName(), value, AtomicInteger::get)
                    .description(TunnelMeter.SERVER_LOCATIONS.description())
                    .tags(
                            "connection_id",
                            Integer.toString(connection.connIndex()),
                            "edge_location",
                            connection.location())
                    .register(meters);
            return value;
        });
    }

    private static void gauge(MeterRegistry meters, TunnelMeter meter, AtomicInteger value) {
        Gauge.builder(meter.meterName(), value, AtomicInteger::get)
                .description(meter.description())
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, TunnelMeter meter, Tags tags) {
        return Counter.builder(meter.meterName())
                .description(meter.description())
                .tags(tags)
                .register(meters);
    }

    private static Timer timer(MeterRegistry meters, int ruleIndex) {
        return Timer.builder(TunnelMeter.RULE_LATENCY.meterName())
                .description(TunnelMeter.RULE_LATENCY.description())
                .tags("rule", ruleTag(ruleIndex))
                .register(meters);
    }
}
