package io.tunnelagent.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelagent.autoconfigure.endpoint.LocalTunnel;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.metrics.TunnelMetrics;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TunnelMetricsAutoConfigurationTests {

    private static final ConnectionInfo CONNECTION = new ConnectionInfo(
            0, UUID.randomUUID(), "LOCAL", TransportProtocol.HTTP2, new InetSocketAddress("127.0.0.1", 7844), false);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TunnelMetricsAutoConfiguration.class));

    private final ApplicationContextRunner withConnector = this.runner.withBean(
            TunnelConnector.class,
            () -> LocalTunnel.unstarted(LocalTunnel.credentials("metrics-secret-0123456789abcdef")));

    @Test
    void withConnectorShouldProvideTheTunnelMeterBinder() {
        this.withConnector.run((context) -> assertThat(context).hasSingleBean(TunnelMetrics.class));
    }

    @Test
    void withoutConnectorShouldBackOff() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(TunnelMetrics.class));
    }

    @Test
    void withUserTunnelMetricsShouldBackOff() {
        TunnelMetrics own = new TunnelMetrics(() -> 7);
        this.withConnector
                .withBean("ownMetrics", TunnelMetrics.class, () -> own)
                .run((context) ->
                        assertThat(context.getBean(TunnelMetrics.class)).isSameAs(own));
    }

    @Test
    void withoutMicrometerOnTheClasspathShouldBackOff() {
        this.withConnector
                .withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run((context) -> assertThat(context).doesNotHaveBean(TunnelMetrics.class));
    }

    @Test
    void metersShouldBeBoundToTheApplicationRegistry() {
        this.withConnector
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class))
                .run((context) -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("cloudflared.orchestration.config.version")
                                    .gauge()
                                    .value())
                            .isEqualTo(-1);
                    context.getBean(TunnelMetrics.class).connected(CONNECTION);
                    assertThat(registry.get("cloudflared.tunnel.ha.connections")
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                    assertThat(registry.get("cloudflared.tunnel.server.locations")
                                    .tag("edge_location", "LOCAL")
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                });
    }

    @Test
    void metersShouldAppearInThePrometheusScrape() {
        this.withConnector
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        PrometheusMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class))
                .run((context) -> {
                    TunnelMetrics metrics = context.getBean(TunnelMetrics.class);
                    metrics.connected(CONNECTION);
                    metrics.requestStarted(0);
                    metrics.requestFinished(0, 200, Duration.ofMillis(3));
                    String scrape =
                            context.getBean(PrometheusMeterRegistry.class).scrape();
                    assertThat(scrape)
                            .contains("cloudflared_tunnel_ha_connections 1.0")
                            .contains("cloudflared_orchestration_config_version -1.0")
                            .contains("cloudflared_tunnel_total_requests_total 1.0")
                            .contains("cloudflared_tunnel_response_by_code_total{status_code=\"200\"} 1.0")
                            .contains("tunnel_ingress_rule_requests_total{rule=\"0\"} 1.0");
                });
    }
}
