package io.tunnelagent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TunnelMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final AtomicInteger version = new AtomicInteger(-1);

    private final TunnelMetrics metrics = new TunnelMetrics(this.version::get);

    private final InetSocketAddress edge = new InetSocketAddress("127.0.0.1", 7844);

    @Test
    void connectionEventsDriveHaConnectionsLocationsAndRegistrationCounters() {
        this.metrics.bindTo(this.registry);
        ConnectionInfo info = info(0, "SFO");
        this.metrics.connected(info);
        this.metrics.connected(info(1, "LAX"));
        assertThat(gauge(TunnelMeter.HA_CONNECTIONS)).isEqualTo(2);
        assertThat(this.registry
                        .get(TunnelMeter.SERVER_LOCATIONS.meterName())
                        .tags("connection_id", "0", "edge_location", "SFO")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.REGISTER_SUCCESS.meterName())
                        .tag("rpcName", "registerConnection")
                        .counter()
                        .count())
                .isEqualTo(2);
        this.metrics.disconnected(info, "lost");
        assertThat(gauge(TunnelMeter.HA_CONNECTIONS)).isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.SERVER_LOCATIONS.meterName())
                        .tags("connection_id", "0", "edge_location", "SFO")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void registrationFailuresAreCountedByReason() {
        this.metrics.bindTo(this.registry);
        this.metrics.connectionFailed(
                0, this.edge, TransportProtocol.QUIC, new ConnectionFailure(ConnectionFailure.Kind.DUPLICATE, "x"));
        this.metrics.connectionFailed(
                0, this.edge, TransportProtocol.QUIC, new ConnectionFailure(ConnectionFailure.Kind.PERMANENT, "y"));
        assertThat(this.registry
                        .get(TunnelMeter.REGISTER_FAIL.meterName())
                        .tags("error", "dup_edge_conn", "rpcName", "registerConnection")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.REGISTER_FAIL.meterName())
                        .tags("error", "server_error")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void requestsAreCountedInTotalPerRuleAndByStatusCode() {
        this.metrics.bindTo(this.registry);
        this.metrics.requestStarted(1);
        assertThat(gauge(TunnelMeter.CONCURRENT_REQUESTS)).isEqualTo(1);
        this.metrics.requestFinished(1, 200, Duration.ofMillis(12));
        this.metrics.requestStarted(0);
        this.metrics.requestFailed(0, Duration.ofMillis(3));
        assertThat(gauge(TunnelMeter.CONCURRENT_REQUESTS)).isZero();
        assertThat(this.registry
                        .get(TunnelMeter.TOTAL_REQUESTS.meterName())
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(this.registry
                        .get(TunnelMeter.RULE_REQUESTS.meterName())
                        .tag("rule", "1")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.RESPONSES_BY_CODE.meterName())
                        .tag("status_code", "200")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.REQUEST_ERRORS.meterName())
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry
                        .get(TunnelMeter.RULE_LATENCY.meterName())
                        .tag("rule", "1")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void configVersionGaugeReadsTheVersionInForce() {
        this.metrics.bindTo(this.registry);
        assertThat(gauge(TunnelMeter.CONFIG_VERSION)).isEqualTo(-1);
        this.version.set(7);
        assertThat(gauge(TunnelMeter.CONFIG_VERSION)).isEqualTo(7);
    }

    @Test
    void eventsBeforeBindingAreIgnored() {
        this.metrics.connected(info(0, "SFO"));
        this.metrics.requestStarted(0);
        this.metrics.bindTo(this.registry);
        assertThat(gauge(TunnelMeter.HA_CONNECTIONS)).isZero();
        assertThat(this.registry.find(TunnelMeter.TOTAL_REQUESTS.meterName()).counter())
                .isNull();
    }

    @Test
    void everyRegisteredMeterIsDocumentedInTheEnumWithItsTagKeys() {
        this.metrics.bindTo(this.registry);
        this.metrics.connected(info(0, "SFO"));
        this.metrics.connectionFailed(
                0, this.edge, TransportProtocol.QUIC, new ConnectionFailure(ConnectionFailure.Kind.DIAL, "x"));
        this.metrics.requestStarted(0);
        this.metrics.requestFinished(0, 999, Duration.ofMillis(1));
        this.metrics.requestStarted(0);
        this.metrics.requestFailed(0, Duration.ofMillis(1));
        Set<String> names = new HashSet<>();
        for (Meter meter : this.registry.getMeters()) {
            String name = meter.getId().getName();
            names.add(name);
            TunnelMeter documented = byName(name);
            assertThat(meter.getId().getTags())
                    .extracting(io.micrometer.core.instrument.Tag::getKey)
                    .containsExactlyInAnyOrderElementsOf(documented.tagKeys());
        }
        assertThat(names).hasSize(TunnelMeter.values().length);
        assertThat(this.registry
                        .get(TunnelMeter.RESPONSES_BY_CODE.meterName())
                        .tag("status_code", "other")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static TunnelMeter byName(String name) {
        for (TunnelMeter meter : TunnelMeter.values()) {
            if (meter.meterName().equals(name)) {
                return meter;
            }
        }
        throw new AssertionError("Meter " + name + " is not documented in TunnelMeter");
    }

    private double gauge(TunnelMeter meter) {
        return this.registry.get(meter.meterName()).gauge().value();
    }

    private ConnectionInfo info(int index, String location) {
        return new ConnectionInfo(index, UUID.randomUUID(), location, TransportProtocol.QUIC, this.edge, false);
    }
}
