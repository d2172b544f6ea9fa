package io.tunnelagent.autoconfigure.lifecycle;

import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.autoconfigure.ingress.TunnelIngress;
import io.tunnelagent.core.connector.TunnelConnector;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Auto-configuration of the connector's lifecycle: started and drained with the application context. */
@AutoConfiguration(after = TunnelConnectorAutoConfiguration.class)
@ConditionalOnBean({TunnelConnector.class, TunnelIngress.class})
@ConditionalOnBooleanProperty(name = "cloudflare.tunnel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TunnelProperties.class)
public final class TunnelLifecycleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TunnelConnectorLifecycle tunnelConnectorLifecycle(
            TunnelConnector connector, TunnelIngress ingress, Environment environment, TunnelProperties properties) {
        return new TunnelConnectorLifecycle(
                connector, ingress, environment, properties.isAutoStartup(), properties.getStartupTimeout());
    }
}
