package io.tunnelagent.autoconfigure.health;

import io.tunnelagent.core.connector.TunnelConnector;
import java.time.Clock;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the {@code tunnel}
 * health contributor: UP while a tunnel connection is registered, DOWN with the last connection failure, and
 * OUT_OF_SERVICE while draining. The contributor joins the {@code readiness} probe group, not {@code liveness}.
 * Switched off with {@code management.health.tunnel.enabled=false}.
 */
@AutoConfiguration(
        afterName = {
            "io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration"
        })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TunnelConnector.class)
@ConditionalOnEnabledHealthIndicator(TunnelHealthContributorAutoConfiguration.CONTRIBUTOR)
public final class TunnelHealthContributorAutoConfiguration {

    static final String CONTRIBUTOR = "tunnel";

    @Bean
    LastConnectionFailure tunnelLastConnectionFailure() {
        return new LastConnectionFailure(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = {"tunnelHealthIndicator", "tunnelHealthContributor"})
    TunnelHealthIndicator tunnelHealthIndicator(TunnelConnector connector, LastConnectionFailure lastFailure) {
        return new TunnelHealthIndicator(connector, lastFailure);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthEndpointGroupsPostProcessor.class, AdditionalPathsMapper.class})
    static class ReadinessGroupConfiguration {

        @Bean
        ReadinessGroupPostProcessor tunnelReadinessGroupPostProcessor(Environment environment) {
            return new ReadinessGroupPostProcessor(CONTRIBUTOR, environment);
        }
    }
}
