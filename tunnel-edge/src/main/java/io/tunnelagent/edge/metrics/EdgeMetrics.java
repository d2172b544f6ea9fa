package io.tunnelagent.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The edge's meters, registered on an injected registry (never the global one). Names and tags are listed in
 * {@link EdgeMeter}; every tag has a small, fixed set of values.
 */
public final class EdgeMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Counter bytesToConnector;
    private final Counter bytesToVisitor;

    /**
     * Registers the meters.
     *
     * @param registry the registry
     * @param liveConnections how many connector connections are registered now
     */
    public EdgeMetrics(MeterRegistry registry, Supplier<Number> liveConnections) {
        this.registry = registry;
        Gauge.builder(EdgeMeter.CONNECTIONS.meterName(), liveConnections)
                .description("Registered connector connections")
                .register(registry);
        Gauge.builder(EdgeMeter.ACTIVE_STREAMS.meterName(), activeStreams, AtomicInteger::get)
                .description("Visitor requests in flight to connectors")
                .register(registry);
        this.bytesToConnector = Counter.builder(EdgeMeter.BYTES.meterName())
                .tag("direction", "to_connector")
                .baseUnit("bytes")
                .register(registry);
        this.bytesToVisitor = Counter.builder(EdgeMeter.BYTES.meterName())
                .tag("direction", "to_visitor")
                .baseUnit("bytes")
                .register(registry);
    }

    /**
     * Metrics that go nowhere, for tests and embedding without metrics.
     *
     * @return the metrics
     */
    public static EdgeMetrics noop() {
        return new EdgeMetrics(new SimpleMeterRegistry(), () -> 0);
    }

    /**
     * Counts a registration attempt.
     *
     * @param result {@code success}, {@code unauthorized}, {@code duplicate}, {@code malformed} or {@code error}
     */
    public void registration(String result) {
        registry.counter(EdgeMeter.REGISTRATIONS.meterName(), "result", result).increment();
    }

    /**
     * Counts a finished visitor request.
     *
     * @param status the status sent to the visitor
     */
    public void request(int status) {
        String statusClass = (status >= 100 && status < 600) ? (status / 100) + "xx" : "other";
        registry.counter(EdgeMeter.REQUESTS.meterName(), "status", statusClass.toLowerCase(Locale.ROOT))
                .increment();
    }

    /**
     * Counts request body bytes sent to a connector.
     *
     * @param bytes the count
     */
    public void bytesToConnector(long bytes) {
        bytesToConnector.increment(bytes);
    }

    /**
     * Counts response bytes sent to a visitor.
     *
     * @param bytes the count
     */
    public void bytesToVisitor(long bytes) {
        bytesToVisitor.increment(bytes);
    }

    /** A data stream to a connector opened. */
    public void streamOpened() {
        activeStreams.incrementAndGet();
    }

    /** A data stream to a connector ended. */
    public void streamClosed() {
        activeStreams.decrementAndGet();
    }

    /**
     * The registry the meters live in.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }
}
