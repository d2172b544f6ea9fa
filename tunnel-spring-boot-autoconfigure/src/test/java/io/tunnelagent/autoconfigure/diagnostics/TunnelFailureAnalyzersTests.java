package io.tunnelagent.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.TestTunnels;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.autoconfigure.edge.EmbeddedEdgeAutoConfiguration;
import io.tunnelagent.autoconfigure.ingress.TunnelIngressAutoConfiguration;
import io.tunnelagent.autoconfigure.lifecycle.TunnelLifecycleAutoConfiguration;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.edge.LocalEdge;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

class TunnelFailureAnalyzersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedEdgeAutoConfiguration.class,
                    TunnelIngressAutoConfiguration.class,
                    TunnelConnectorAutoConfiguration.class,
                    TunnelLifecycleAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LocalEdge.class));

    @TempDir
    Path temp;

    @Test
    void missingCredentialsWithoutTunnelEdgeFailAndSayHowToSetThemOrAddTheLocalEdge() {
        failsWith(List.of(), (analysis) -> {
            assertThat(analysis.getDescription())
                    .isEqualTo("No tunnel credentials: neither cloudflare.tunnel.token nor"
                            + " cloudflare.tunnel.credentials-file is set");
            assertThat(analysis.getAction()).contains("cloudflare.tunnel.token").contains("io.tunnelagent:tunnel-edge");
        });
    }

    @Test
    void malformedTokenFailsNamingThePropertyWithoutEchoingTheToken() {
        String token = "bm90LWEtdG9rZW4tc2VjcmV0";
        failsWith(List.of("cloudflare.tunnel.token=" + token), (analysis) -> {
            assertThat(analysis.getDescription())
                    .startsWith("cloudflare.tunnel.token is not a valid tunnel token")
                    .doesNotContain(token);
            assertThat(analysis.getAction()).contains("Copy the token again");
        });
    }

    @Test
    void unreadableCredentialsFileFailsNamingTheFile() {
        Path missing = this.temp.resolve("missing.json");
        failsWith(List.of("cloudflare.tunnel.credentials-file=" + missing), (analysis) -> {
            assertThat(analysis.getDescription())
                    .startsWith("cloudflare.tunnel.credentials-file '" + missing + "' cannot be read");
            assertThat(analysis.getAction()).contains("cloudflared tunnel create");
        });
    }

    @Test
    void invalidIngressFailsWithCloudflaredsText() {
        failsWith(
                List.of(
                        "cloudflare.tunnel.token=" + TestTunnels.token(),
                        "cloudflare.tunnel.ingress[0].hostname=app.example.com",
                        "cloudflare.tunnel.ingress[0].service=http://localhost:8080"),
                (analysis) -> {
                    assertThat(analysis.getDescription()).startsWith("cloudflare.tunnel.ingress is invalid: ");
                    assertThat(analysis.getDescription()).containsIgnoringCase("last");
                    assertThat(analysis.getAction()).contains("match every request");
                });
    }

    @Test
    void outOfRangeHaConnectionsFailNamingTheProperty() {
        failsWith(
                List.of("cloudflare.tunnel.token=" + TestTunnels.token(), "cloudflare.tunnel.ha-connections=0"),
                (analysis) -> assertThat(analysis.getDescription())
                        .isEqualTo("cloudflare.tunnel.ha-connections is invalid: haConnections must be between 1"
                                + " and 256, got 0"));
    }

    @Test
    void noIngressAndNoWebServerFailsAtStartSayingWhatToConfigure() {
        failsWith(List.of("cloudflare.tunnel.token=" + TestTunnels.token()), (analysis) -> {
            assertThat(analysis.getDescription()).contains("No ingress rule is configured");
            assertThat(analysis.getAction()).contains("cloudflare.tunnel.ingress");
        });
    }

    @Test
    void ingressValidationOutsideTheAutoConfigurationIsExplainedToo() {
        FailureAnalysis analysis = new IngressValidationFailureAnalyzer()
                .analyze(new IllegalStateException(new IngressValidationException("Rule #1 is bad")));
        assertThat(analysis.getDescription()).isEqualTo("The tunnel's ingress rules are invalid: Rule #1 is bad");
    }

    @Test
    void analyzersAreRegisteredInSpringFactories() throws Exception {
        List<String> registered = new ArrayList<>();
        Enumeration<URL> resources = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (resources.hasMoreElements()) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(resources.nextElement()));
            registered.add(factories.getProperty(FailureAnalyzer.class.getName(), ""));
        }
        assertThat(registered)
                .anySatisfy((names) -> assertThat(names)
                        .contains(TunnelConfigurationFailureAnalyzer.class.getName())
                        .contains(IngressValidationFailureAnalyzer.class.getName()));
    }

    private void failsWith(List<String> properties, Consumer<FailureAnalysis> assertions) {
        this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TunnelConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertions.accept(analysis);
        });
    }
}
