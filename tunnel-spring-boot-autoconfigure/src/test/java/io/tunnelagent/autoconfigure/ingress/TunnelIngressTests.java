package io.tunnelagent.autoconfigure.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TunnelIngressTests {

    @Test
    void serviceNamingTheServerPortIsFilledInOnceTheWebServerHasOne() {
        IngressRuleDefinition ws = IngressRuleDefinition.of(null, "http://localhost:${local.server.port}");
        ws.setPath("^/ws");
        ws.getOriginRequest().setHttpHostHeader("origin.internal");
        TunnelIngress ingress = ingress(ws, IngressRuleDefinition.of(null, "http_status:418"));
        assertThat(ingress.targetsApplication()).isTrue();
        assertThat(ingress.configuredRules()).isNull();
        List<IngressRuleDefinition> rules =
                ingress.definitions(new MockEnvironment().withProperty("local.server.port", "41234"));
        assertThat(rules)
                .extracting(IngressRuleDefinition::getService)
                .containsExactly("http://localhost:41234", "http_status:418");
        assertThat(rules.get(0).getPath()).isEqualTo("^/ws");
        assertThat(rules.get(0).getOriginRequest().getHttpHostHeader()).isEqualTo("origin.internal");
    }

    @Test
    void rulesNamingTheServerPortAreStillValidatedAtStartUp() {
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() ->
                        ingress(IngressRuleDefinition.of("app.example.com", "http://localhost:${local.server.port}")))
                .withMessageStartingWith("The last ingress rule must match all URLs");
    }

    @Test
    void serviceNamingTheServerPortWithoutAWebServerFailsWithWhatToDo() {
        TunnelIngress ingress = ingress(IngressRuleDefinition.of(null, "http://localhost:${local.server.port}"));
        assertThatExceptionOfType(TunnelConfigurationException.class)
                .isThrownBy(() -> ingress.definitions(new MockEnvironment()))
                .withMessageStartingWith("cloudflare.tunnel.ingress names ${local.server.port} and this application"
                        + " runs no web server");
    }

    @Test
    void rulesWithoutTheServerPortAreCompiledAtStartUp() {
        TunnelIngress ingress = ingress(IngressRuleDefinition.of(null, "http://localhost:8080"));
        assertThat(ingress.targetsApplication()).isFalse();
        assertThat(ingress.configuredRules()).isNotNull();
    }

    private static TunnelIngress ingress(IngressRuleDefinition... rules) {
        TunnelProperties properties = new TunnelProperties();
        properties.setIngress(List.of(rules));
        return TunnelIngress.of(properties);
    }
}
