package io.tunnelagent.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tunnelagent.core.connector.ConnectorBuilder;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.transport.quic.QuicImplementation;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TunnelPropertiesTests {

    private static final String ORIGIN_REQUEST = "cloudflare.tunnel.origin-request.";

    @Test
    void connectorDefaultsEqualTheCoreLibraryDefaults() {
        TunnelProperties properties = new TunnelProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getHaConnections()).isEqualTo(ConnectorBuilder.DEFAULT_HA_CONNECTIONS);
        assertThat(properties.getProtocol()).isEqualTo(ConnectorBuilder.DEFAULT_PROTOCOL);
        assertThat(properties.getRetries()).isEqualTo(ConnectorBuilder.DEFAULT_RETRIES);
        assertThat(properties.getGracePeriod()).isEqualTo(ConnectorBuilder.DEFAULT_GRACE_PERIOD);
        assertThat(properties.getRpcTimeout()).isEqualTo(ConnectorBuilder.DEFAULT_RPC_TIMEOUT);
        assertThat(properties.getQuic()).isEqualTo(QuicImplementation.AUTO);
        assertThat(properties.getEdge()).isEmpty();
        assertThat(properties.getRegion()).isNull();
        assertThat(properties.getIngress()).isEmpty();
    }

    @Test
    void unsetOriginRequestResolvesToTheCoreDefaults() {
        OriginRequestDefinition unset = new TunnelProperties().getOriginRequest();
        assertThat(OriginRequestConfig.resolve(unset)).isEqualTo(OriginRequestConfig.defaults());
    }

    @Test
    void documentedOriginRequestDefaultsBoundExplicitlyEqualTheCoreDefaults() throws Exception {
        Map<String, Object> documented = new HashMap<>();
        for (Map<String, Object> property : metadata()) {
            String name = (String) property.get("name");
            if (name.startsWith(ORIGIN_REQUEST) && property.containsKey("defaultValue")) {
                documented.put(name, String.valueOf(property.get("defaultValue")));
            }
        }
        assertThat(documented).hasSize(17);
        OriginRequestDefinition bound = new Binder(new MapConfigurationPropertySource(documented))
                .bind("cloudflare.tunnel.origin-request", Bindable.of(OriginRequestDefinition.class))
                .get();
        assertThat(OriginRequestConfig.resolve(bound)).isEqualTo(OriginRequestConfig.defaults());
    }

    @Test
    void everyPropertyHasADescriptionInTheGeneratedMetadata() throws Exception {
        for (Map<String, Object> property : metadata()) {
            assertThat((String) property.get("description"))
                    .as((String) property.get("name"))
                    .isNotBlank()
                    .doesNotContain("{@");
        }
    }

    @Test
    void toStringNeverShowsTheToken() {
        TunnelProperties properties = new TunnelProperties();
        properties.setToken("eyJhIjoic2VjcmV0LXRva2VuIn0=");
        assertThat(properties.toString()).doesNotContain("eyJhIjoic2VjcmV0LXRva2VuIn0=");
    }

    private static List<Map<String, Object>> metadata() throws Exception {
        try (InputStream in =
                TunnelPropertiesTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            return JsonPath.parse(in).read("$.properties[*]");
        }
    }
}
