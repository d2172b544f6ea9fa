package io.tunnelagent.autoconfigure.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.metrics.TunnelMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the connector's
 * meters ({@link io.tunnelagent.core.metrics.TunnelMeter} lists them). The {@link TunnelMetrics} bean is a
 * {@link MeterBinder}, which Spring Boot binds to every {@code MeterRegistry} it manages, and also the connector's
 * {@code ConnectorListener} and the stream proxy's {@code ProxyListener}: the connector auto-configuration adds such
 * beans to both. It reads the connector lazily, so that the connector can depend on it.
 */
@AutoConfiguration(afterName = "io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(TunnelConnector.class)
public final class TunnelMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TunnelMetrics tunnelMetrics(ObjectProvider<TunnelConnector> connector) {
        return new TunnelMetrics(() -> configVersion(connector));
    }

    private static int configVersion(ObjectProvider<TunnelConnector> connector) {
        TunnelConnector current = connector.getIfAvailable();
        return (current != null) ? current.configVersion() : -1;
    }
}
