package io.tunnelagent.autoconfigure.ingress;

import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of ingress refresh: with Spring Cloud Context on the classpath, an
 * {@link EnvironmentChangeEvent} that touches the ingress rules or the global origin-request options swaps a new
 * table into the running connector.
 */
@AutoConfiguration(after = TunnelConnectorAutoConfiguration.class)
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean({TunnelConnector.class, TunnelIngress.class})
@ConditionalOnBooleanProperty(name = "cloudflare.tunnel.enabled", matchIfMissing = true)
public final class IngressRefreshAutoConfiguration {

    @Bean
    IngressRefreshListener tunnelIngressRefreshListener(
            TunnelConnector connector, ConfigurableEnvironment environment, ApplicationEventPublisher publisher) {
        return new IngressRefreshListener(connector, environment, publisher, Clock.systemUTC());
    }
}
