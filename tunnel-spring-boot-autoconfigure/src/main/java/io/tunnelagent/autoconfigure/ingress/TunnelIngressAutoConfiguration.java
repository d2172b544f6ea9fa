package io.tunnelagent.autoconfigure.ingress;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.ingress.IngressValidationException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the ingress rules: {@code cloudflare.tunnel.ingress} validated at start-up, or this
 * application's own server when none are configured. An application that defines its own {@link TunnelConnector}
 * brings its own rules, so this backs off, and with it the lifecycle and the refresh that apply these rules.
 */
@AutoConfiguration(before = TunnelConnectorAutoConfiguration.class)
@ConditionalOnMissingBean(TunnelConnector.class)
@ConditionalOnBooleanProperty(name = "cloudflare.tunnel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TunnelProperties.class)
public final class TunnelIngressAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TunnelIngress tunnelIngress(TunnelProperties properties) {
        try {
            return TunnelIngress.of(properties);
        } catch (IngressValidationException ex) {
            throw invalid(ex);
        }
    }

    static TunnelConfigurationException invalid(IngressValidationException ex) {
        return new TunnelConfigurationException(
                "cloudflare.tunnel.ingress is invalid: " + ex.getMessage(),
                "Fix the rule named above (rule numbers count from 1, as cloudflared's do); the last rule must"
                        + " match every request, for example cloudflare.tunnel.ingress[n].service=http_status:404.",
                ex);
    }
}
