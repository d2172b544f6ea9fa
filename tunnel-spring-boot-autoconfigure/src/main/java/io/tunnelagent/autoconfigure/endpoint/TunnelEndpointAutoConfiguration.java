package io.tunnelagent.autoconfigure.endpoint;

import io.tunnelagent.core.connector.TunnelConnector;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the {@code tunnel}
 * actuator endpoint, when it is available (exposed and not switched off with
 * {@code management.endpoint.tunnel.access=none}).
 */
@AutoConfiguration(afterName = "io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TunnelConnector.class)
@ConditionalOnAvailableEndpoint(TunnelEndpoint.class)
public final class TunnelEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TunnelEndpoint tunnelEndpoint(TunnelConnector connector) {
        return new TunnelEndpoint(connector);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(TunnelEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = TunnelEndpoint.class, exposure = EndpointExposure.WEB)
    TunnelEndpointWebExtension tunnelEndpointWebExtension(TunnelEndpoint endpoint) {
        return new TunnelEndpointWebExtension(endpoint);
    }
}
