package io.tunnelagent.core.ingress.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginRequestConfigTests {

    @Test
    void defaultsShouldBeCloudflaredDefaults() {
        OriginRequestConfig defaults = OriginRequestConfig.defaults();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.tlsTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.tcpKeepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.noHappyEyeballs()).isFalse();
        assertThat(defaults.keepAliveConnections()).isEqualTo(100);
        assertThat(defaults.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(defaults.httpHostHeader()).isEmpty();
        assertThat(defaults.originServerName()).isEmpty();
        assertThat(defaults.matchSniToHost()).isFalse();
        assertThat(defaults.caPool()).isEmpty();
        assertThat(defaults.noTlsVerify()).isFalse();
        assertThat(defaults.disableChunkedEncoding()).isFalse();
        assertThat(defaults.bastionMode()).isFalse();
        assertThat(defaults.proxyAddress()).isEqualTo("127.0.0.1");
        assertThat(defaults.proxyPort()).isZero();
        assertThat(defaults.proxyType()).isEmpty();
        assertThat(defaults.ipRules()).isEmpty();
        assertThat(defaults.http2Origin()).isFalse();
        assertThat(defaults.access()).isNull();
    }

    @Test
    void compileShouldResolveDefaultsThenGlobalThenRuleFieldByField() {
        OriginRequestDefinition global = new OriginRequestDefinition();
        global.setConnectTimeout(Duration.ofSeconds(5));
        global.setNoTlsVerify(true);
        global.setHttpHostHeader("global.internal");
        IngressRuleDefinition rule = IngressRuleDefinition.of(null, "https://127.0.0.1:8443");
        rule.getOriginRequest().setConnectTimeout(Duration.ofSeconds(7));
        rule.getOriginRequest().setNoTlsVerify(false);
        rule.getOriginRequest().setKeepAliveConnections(3);

        IngressRules rules = IngressRules.compile(List.of(rule), global);

        OriginRequestConfig config = rules.rules().get(0).config();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.noTlsVerify()).isFalse();
        assertThat(config.keepAliveConnections()).isEqualTo(3);
        assertThat(config.httpHostHeader()).isEqualTo("global.internal");
        assertThat(config.tlsTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rules.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withOverridesShouldReplaceEveryOptionThatIsSet() {
        OriginRequestDefinition all = new OriginRequestDefinition();
        all.setConnectTimeout(Duration.ofSeconds(1));
        all.setTlsTimeout(Duration.ofSeconds(2));
        all.setTcpKeepAlive(Duration.ofSeconds(3));
        all.setNoHappyEyeballs(true);
        all.setKeepAliveConnections(4);
        all.setKeepAliveTimeout(Duration.ofSeconds(5));
        all.setHttpHostHeader("h");
        all.setOriginServerName("o");
        all.setMatchSniToHost(true);
        all.setCaPool("/ca.pem");
        all.setNoTlsVerify(true);
        all.setDisableChunkedEncoding(true);
        all.setBastionMode(true);
        all.setProxyAddress("0.0.0.0");
        all.setProxyPort(1080L);
        all.setProxyType("socks");
        all.setIpRules(List.of(
                IpRuleDefinition.of("192.168.0.0/16", List.of(), false), IpRuleDefinition.of("bad", List.of(), true)));
        all.setHttp2Origin(true);
        AccessDefinition access = new AccessDefinition();
        access.setRequired(true);
        access.setTeamName("team");
        access.setAudTag(List.of("aud"));
        access.setEnvironment("fed");
        all.setAccess(access);

        OriginRequestConfig config = OriginRequestConfig.resolve(all);

        assertThat(config)
                .isEqualTo(new OriginRequestConfig(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        true,
                        4,
                        Duration.ofSeconds(5),
                        "h",
                        "o",
                        true,
                        "/ca.pem",
                        true,
                        true,
                        true,
                        "0.0.0.0",
                        1080,
                        "socks",
                        List.of(IpRule.parse("192.168.0.0/16", List.of(), false)),
                        true,
                        new AccessConfig(true, "team", List.of("aud"), "fed")));
        assertThat(config.access().teamDomain()).isEqualTo("https://team.fed.cloudflareaccess.com");
    }

    @Test
    void bastionServiceShouldSwitchOnBastionMode() {
        IngressRules rules = IngressRules.compile(List.of(IngressRuleDefinition.of(null, "bastion")), null);
        assertThat(rules.rules().get(0).config().bastionMode()).isTrue();
    }

    @Test
    void warpRoutingShouldDefaultToFiveSecondsThirtySecondsAndUnlimited() {
        assertThat(WarpRoutingConfig.resolve(null))
                .isEqualTo(new WarpRoutingConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), 0));
        WarpRoutingDefinition definition = new WarpRoutingDefinition();
        definition.setMaxActiveFlows(10L);
        assertThat(WarpRoutingConfig.resolve(definition).maxActiveFlows()).isEqualTo(10);
    }
}
