package io.tunnelagent.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.tunnelagent.autoconfigure.endpoint.LocalTunnel;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.protocol.credentials.TunnelToken;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TunnelHealthContributorAutoConfigurationTests {

    private static final String SECRET = "health-secret-marker-0123456789abcdef";

    private final TunnelToken credentials = LocalTunnel.credentials(SECRET);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TunnelHealthContributorAutoConfiguration.class));

    private final ApplicationContextRunner withConnector =
            this.runner.withBean(TunnelConnector.class, () -> LocalTunnel.unstarted(this.credentials));

    @TempDir
    Path state;

    @Test
    void withConnectorShouldContributeTunnelHealth() {
        this.withConnector.run((context) -> {
            assertThat(context).hasBean("tunnelHealthIndicator").hasSingleBean(LastConnectionFailure.class);
            assertThat(context).hasSingleBean(ReadinessGroupPostProcessor.class);
        });
    }

    @Test
    void withoutConnectorShouldBackOff() {
        this.runner.run((context) -> assertThat(context)
                .doesNotHaveBean("tunnelHealthIndicator")
                .doesNotHaveBean(LastConnectionFailure.class));
    }

    @Test
    void withUserTunnelHealthIndicatorShouldBackOff() {
        HealthIndicator own = () -> Health.up().build();
        this.withConnector
                .withBean("tunnelHealthIndicator", HealthIndicator.class, () -> own)
                .run((context) ->
                        assertThat(context.getBean("tunnelHealthIndicator")).isSameAs(own));
    }

    @Test
    void withoutHealthOnTheClasspathShouldBackOff() {
        this.withConnector
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context).doesNotHaveBean("tunnelHealthIndicator"));
    }

    @Test
    void whenDisabledByPropertyShouldBackOff() {
        this.withConnector
                .withPropertyValues("management.health.tunnel.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean("tunnelHealthIndicator"));
    }

    @Test
    void beforeAnyRegistrationShouldBeDownWithTheLastFailureAndNoSecret() {
        this.withConnector.run((context) -> {
            HealthIndicator health = context.getBean("tunnelHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).doesNotContainKey("lastError");
            context.getBean(LastConnectionFailure.class)
                    .connectionFailed(
                            0,
                            new InetSocketAddress("127.0.0.1", 7844),
                            TransportProtocol.HTTP2,
                            new ConnectionFailure(ConnectionFailure.Kind.PERMANENT, "Unauthorized: unknown tunnel"));
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("connections", Map.of());
            assertThat(down.getDetails().get("lastError"))
                    .asInstanceOf(MAP)
                    .containsEntry("connection", 0)
                    .containsEntry("edge", "127.0.0.1:7844")
                    .containsEntry("protocol", "http2")
                    .containsEntry("kind", "PERMANENT")
                    .containsEntry("message", "Unauthorized: unknown tunnel")
                    .containsKey("at");
            assertThat(down.toString()).doesNotContain(SECRET).doesNotContain(this.credentials.encode());
        });
    }

    @Test
    void whileDrainingShouldBeOutOfService() {
        this.withConnector.run((context) -> {
            context.getBean(TunnelConnector.class).drain(Duration.ZERO).get(5, TimeUnit.SECONDS);
            Health health = context.getBean("tunnelHealthIndicator", HealthIndicator.class)
                    .health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("draining", true);
        });
    }

    @Test
    void withRegisteredConnectionShouldBeUpWithTheConnectionDetails() {
        this.runner
                .withBean(LocalTunnel.class, () -> LocalTunnel.start(this.state))
                .withUserConfiguration(ConnectorConfiguration.class)
                .run((context) -> {
                    TunnelConnector connector = context.getBean(TunnelConnector.class);
                    connector.start().get(20, TimeUnit.SECONDS);
                    Health health = context.getBean("tunnelHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry(
                                    "connectorId", connector.connectorId().toString());
                    assertThat(health.getDetails().get("connections"))
                            .asInstanceOf(MAP)
                            .containsOnlyKeys("0");
                    assertThat(health.getDetails().get("connections").toString())
                            .contains("location=LOCAL", "protocol=http2", "edge=127.0.0.1:");
                });
    }

    @Test
    void readinessGroupShouldHaveTheTunnelAndLivenessShouldNot() {
        probes().run((context) -> {
            HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
            assertThat(groups.get("readiness").isMember("tunnel")).isTrue();
            assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
            assertThat(groups.get("liveness").isMember("tunnel")).isFalse();
            assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "management.endpoint.health.group.readiness.include=readinessState",
                "management.endpoint.health.group.readiness.exclude=tunnel"
            })
    void readinessGroupConfiguredByTheApplicationShouldBeLeftAlone(String members) {
        probes().withPropertyValues(members)
                .run((context) -> assertThat(context.getBean(HealthEndpointGroups.class)
                                .get("readiness")
                                .isMember("tunnel"))
                        .isFalse());
    }

    private ApplicationContextRunner probes() {
        return this.withConnector
                .withConfiguration(AutoConfigurations.of(
                        ApplicationAvailabilityAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class,
                        HealthEndpointAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class))
                .withPropertyValues("management.endpoint.health.probes.enabled=true");
    }

    @Configuration(proxyBeanMethods = false)
    static class ConnectorConfiguration {

        @Bean
        TunnelConnector tunnelConnector(LocalTunnel tunnel, ObjectProvider<ConnectorListener> listeners) {
            return tunnel.connector(listeners.orderedStream().toList(), ProxyListener.NONE);
        }
    }
}
