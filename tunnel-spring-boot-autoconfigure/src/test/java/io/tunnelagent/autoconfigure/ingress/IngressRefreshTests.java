package io.tunnelagent.autoconfigure.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.TestTunnels;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.edge.LocalEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

class IngressRefreshTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TunnelIngressAutoConfiguration.class,
                    TunnelConnectorAutoConfiguration.class,
                    IngressRefreshAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LocalEdge.class))
            .withUserConfiguration(RejectionRecorder.class)
            .withPropertyValues(
                    "cloudflare.tunnel.token=" + TestTunnels.token(),
                    "cloudflare.tunnel.ingress[0].hostname=app.example.com",
                    "cloudflare.tunnel.ingress[0].service=http://127.0.0.1:8081",
                    "cloudflare.tunnel.ingress[1].service=http_status:404");

    @Test
    void validChangeToTheIngressRulesIsSwappedIntoTheConnector() {
        this.runner.run((context) -> {
            refresh(
                    context,
                    Map.of(
                            "cloudflare.tunnel.ingress[0].hostname", "app.example.com",
                            "cloudflare.tunnel.ingress[0].service", "http://127.0.0.1:9090",
                            "cloudflare.tunnel.ingress[1].service", "http_status:418"));
            IngressRules rules = context.getBean(TunnelConnector.class).rules();
            assertThat(rules.match("app.example.com", "/").service().toString()).contains("9090");
            assertThat(rules.match("other.example.com", "/").service().toString())
                    .contains("418");
            assertThat(context.getBean(RejectionRecorder.class).reasons).isEmpty();
        });
    }

    @Test
    void invalidChangeKeepsTheOldRulesAndPublishesTheRejectionWithCloudflaredsText() {
        this.runner.run((context) -> {
            IngressRules before = context.getBean(TunnelConnector.class).rules();
            refresh(
                    context,
                    Map.of(
                            "cloudflare.tunnel.ingress[0].hostname", "app.example.com",
                            "cloudflare.tunnel.ingress[0].service", "http://127.0.0.1:9090",
                            "cloudflare.tunnel.ingress[1].hostname", "catch.example.com",
                            "cloudflare.tunnel.ingress[1].service", "http_status:404"));
            assertThat(context.getBean(TunnelConnector.class).rules()).isSameAs(before);
            assertThat(context.getBean(RejectionRecorder.class).reasons)
                    .singleElement()
                    .asString()
                    .isEqualTo(
                            "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)");
        });
    }

    @Test
    void changesToOtherPropertiesLeaveTheRulesAlone() {
        this.runner.run((context) -> {
            IngressRules before = context.getBean(TunnelConnector.class).rules();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("refreshed", Map.of("cloudflare.tunnel.retries", "3")));
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("cloudflare.tunnel.retries")));
            assertThat(context.getBean(TunnelConnector.class).rules()).isSameAs(before);
        });
    }

    private static void refresh(AssertableApplicationContext context, Map<String, Object> changed) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("refreshed", changed));
        context.publishEvent(new EnvironmentChangeEvent(context, changed.keySet()));
    }

    @Configuration(proxyBeanMethods = false)
    static class RejectionRecorder {

        final List<String> reasons = new ArrayList<>();

        @Bean
        ApplicationListener<IngressUpdateRejectedEvent> rejectionListener() {
            return (event) -> this.reasons.add(event.getReason());
        }
    }
}
