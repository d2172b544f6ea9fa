package io.tunnelagent.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.autoconfigure.ingress.IngressUpdateRejectedEvent;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.protocol.credentials.TunnelToken;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class TunnelEndpointAutoConfigurationTests {

    private static final String SECRET = "endpoint-secret-marker-0123456789abcdef";

    private final TunnelToken credentials = LocalTunnel.credentials(SECRET);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TunnelEndpointAutoConfiguration.class));

    private final ApplicationContextRunner exposed = this.runner
            .withBean(TunnelConnector.class, () -> LocalTunnel.unstarted(this.credentials))
            .withPropertyValues("management.endpoints.web.exposure.include=tunnel");

    @Test
    void whenExposedShouldProvideTheEndpointAndItsWebExtension() {
        this.exposed.run((context) -> assertThat(context)
                .hasSingleBean(TunnelEndpoint.class)
                .hasSingleBean(TunnelEndpointWebExtension.class));
    }

    @Test
    void whenNotExposedShouldBackOff() {
        this.runner
                .withBean(TunnelConnector.class, () -> LocalTunnel.unstarted(this.credentials))
                .run((context) -> assertThat(context).doesNotHaveBean(TunnelEndpoint.class));
    }

    @Test
    void whenAccessIsNoneShouldBackOff() {
        this.exposed
                .withPropertyValues("management.endpoint.tunnel.access=NONE")
                .run((context) -> assertThat(context).doesNotHaveBean(TunnelEndpoint.class));
    }

    @Test
    void whenExposedOverJmxOnlyShouldProvideTheEndpointWithoutTheWebExtension() {
        this.runner
                .withBean(TunnelConnector.class, () -> LocalTunnel.unstarted(this.credentials))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=tunnel")
                .run((context) -> assertThat(context)
                        .hasSingleBean(TunnelEndpoint.class)
                        .doesNotHaveBean(TunnelEndpointWebExtension.class));
    }

    @Test
    void withoutConnectorShouldBackOff() {
        this.runner
                .withPropertyValues("management.endpoints.web.exposure.include=tunnel")
                .run((context) -> assertThat(context).doesNotHaveBean(TunnelEndpoint.class));
    }

    @Test
    void withUserEndpointShouldBackOff() {
        this.exposed
                .withBean("ownEndpoint", TunnelEndpoint.class)
                .run((context) ->
                        assertThat(context).getBean(TunnelEndpoint.class).isSameAs(context.getBean("ownEndpoint")));
    }

    @Test
    void withoutActuatorOnTheClasspathShouldBackOff() {
        this.exposed
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run((context) -> assertThat(context).doesNotHaveBean(TunnelEndpoint.class));
    }

    @Test
    void readShouldReportTheConnectorAndTheIngressTableWithoutSecrets() {
        this.exposed.run((context) -> {
            TunnelConnector connector = context.getBean(TunnelConnector.class);
            TunnelDescriptor descriptor = context.getBean(TunnelEndpoint.class).tunnel();
            assertThat(descriptor.connectorId()).isEqualTo(connector.connectorId());
            assertThat(descriptor.readiness().ready()).isFalse();
            assertThat(descriptor.connections()).isEmpty();
            assertThat(descriptor.configVersion()).isEqualTo(-1);
            assertThat(descriptor.lastRejectedIngressUpdate()).isNull();
            String json = JsonMapper.shared().writeValueAsString(descriptor);
            assertThat(json)
                    .contains("\"hostname\":\"app.localhost\"", "\"path\":\"^/x\"", "\"service\":\"http_status:418\"")
                    .contains("\"connectTimeout\":5", "\"httpHostHeader\":\"origin.internal\"")
                    .contains("\"hostname\":\"*.example.com\"", "\"service\":\"http://127.0.0.1:9\"")
                    .contains("\"access\":{\"required\":true,\"teamName\":\"team\",\"audTag\":[\"aud-1\"]}")
                    .contains("\"service\":\"http_status:404\"");
            assertThat(json)
                    .doesNotContain(SECRET)
                    .doesNotContain(this.credentials.secret().toBase64())
                    .doesNotContain(this.credentials.encode())
                    .doesNotContain("account-tag");
        });
    }

    @Test
    void readShouldReportTheLastRejectedIngressUpdate() {
        this.exposed.run((context) -> {
            Instant at = Instant.parse("2026-11-29T12:00:00Z");
            context.publishEvent(new IngressUpdateRejectedEvent(this, "Rule #2 has an invalid regex", at));
            assertThat(context.getBean(TunnelEndpoint.class).tunnel().lastRejectedIngressUpdate())
                    .isEqualTo(new TunnelDescriptor.RejectedIngressUpdate("Rule #2 has an invalid regex", at));
        });
    }

    @Test
    void matchShouldAnswerLikeCloudflaredTunnelIngressRule() {
        this.exposed.run((context) -> {
            TunnelEndpoint endpoint = context.getBean(TunnelEndpoint.class);
            assertThat(endpoint.match("match", "https://app.localhost/x/1"))
                    .isEqualTo("Using rules from the connector's ingress rules\nMatched rule #0\n"
                            + "\thostname: app.localhost\n\tpath: ^/x\n\tservice: http_status:418\n");
            assertThat(endpoint.match("match", "https://b.example.com/"))
                    .isEqualTo("Using rules from the connector's ingress rules\nMatched rule #1\n"
                            + "\thostname: *.example.com\n\tservice: http://127.0.0.1:9\n");
            assertThat(endpoint.match("match", "https://other.org/"))
                    .endsWith("Matched rule #2\n\tservice: http_status:404\n");
            assertThat(endpoint.match("other", "https://other.org/")).isNull();
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                    .isThrownBy(() -> endpoint.match("match", "app.localhost/x"))
                    .withMessage("app.localhost/x doesn't have a hostname, consider adding a scheme");
        });
    }

    @Test
    void matchOverHttpShouldAnswerBadRequestWithCloudflaredsMessage() {
        this.exposed.run((context) -> {
            TunnelEndpointWebExtension web = context.getBean(TunnelEndpointWebExtension.class);
            WebEndpointResponse<String> bad = web.match("match", "app.localhost/x");
            assertThat(bad.getStatus()).isEqualTo(400);
            assertThat(bad.getBody()).isEqualTo("app.localhost/x doesn't have a hostname, consider adding a scheme\n");
            WebEndpointResponse<String> good = web.match("match", "https://app.localhost/x");
            assertThat(good.getStatus()).isEqualTo(200);
            assertThat(good.getBody()).contains("Matched rule #0");
            assertThat(web.match("other", "https://app.localhost/x").getStatus())
                    .isEqualTo(404);
        });
    }
}
