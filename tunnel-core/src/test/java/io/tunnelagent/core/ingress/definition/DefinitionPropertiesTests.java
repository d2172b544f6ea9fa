package io.tunnelagent.core.ingress.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definitions are plain JavaBeans, so Spring's binder (and any other) can fill them by property name. */
class DefinitionPropertiesTests {

    @Test
    void originRequestDefinitionShouldExposeEveryOptionAsReadWriteProperty() throws Exception {
        assertThat(readWriteProperties(OriginRequestDefinition.class))
                .containsExactlyInAnyOrder(
                        "connectTimeout",
                        "tlsTimeout",
                        "tcpKeepAlive",
                        "noHappyEyeballs",
                        "keepAliveConnections",
                        "keepAliveTimeout",
                        "httpHostHeader",
                        "originServerName",
                        "matchSniToHost",
                        "caPool",
                        "noTlsVerify",
                        "disableChunkedEncoding",
                        "bastionMode",
                        "proxyAddress",
                        "proxyPort",
                        "proxyType",
                        "ipRules",
                        "http2Origin",
                        "access");
    }

    @Test
    void otherDefinitionsShouldBeReadWriteBeans() throws Exception {
        assertThat(readWriteProperties(IngressRuleDefinition.class))
                .containsExactlyInAnyOrder("hostname", "path", "service", "originRequest");
        assertThat(readWriteProperties(AccessDefinition.class))
                .containsExactlyInAnyOrder("required", "teamName", "audTag", "environment");
        assertThat(readWriteProperties(IpRuleDefinition.class)).containsExactlyInAnyOrder("prefix", "ports", "allow");
        assertThat(readWriteProperties(WarpRoutingDefinition.class))
                .containsExactlyInAnyOrder("connectTimeout", "tcpKeepAlive", "maxActiveFlows");
    }

    @Test
    void newDefinitionsShouldSetNothing() {
        OriginRequestDefinition definition = new OriginRequestDefinition();
        assertThat(definition.getConnectTimeout()).isNull();
        assertThat(definition.getIpRules()).isNull();
        assertThat(definition.getAccess()).isNull();
        IngressRuleDefinition rule = new IngressRuleDefinition();
        rule.setOriginRequest(null);
        assertThat(rule.getOriginRequest()).isNotNull();
    }

    private static List<String> readWriteProperties(Class<?> type) throws Exception {
        PropertyDescriptor[] properties =
                Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors();
        return Arrays.stream(properties)
                .filter(p -> p.getReadMethod() != null && p.getWriteMethod() != null)
                .map(PropertyDescriptor::getName)
                .toList();
    }
}
