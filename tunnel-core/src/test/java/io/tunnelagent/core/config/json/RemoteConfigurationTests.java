package io.tunnelagent.core.config.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.config.ConfigException;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteConfigurationTests {

    @Test
    void parseShouldReadGlobalOptionsRulesAndWarpRoutingWithSecondDurations() {
        RemoteConfiguration remote = RemoteConfiguration.parse("""
                {"originRequest":{"connectTimeout":10,"noTLSVerify":true},
                 "ingress":[
                   {"hostname":"app.example.com","path":"^/api","service":"http://127.0.0.1:8080",
                    "originRequest":{"tlsTimeout":3,"access":{"required":true,"teamName":"t","audTag":["a"]}}},
                   {"service":"http_status:404"}],
                 "warp-routing":{"connectTimeout":7,"maxActiveFlows":50,"tcpKeepAlive":20},
                 "somethingNew":{"ignored":true}}
                """);

        IngressRules rules = remote.ingressRules();
        OriginRequestConfig first = rules.rules().get(0).config();
        assertThat(first.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(first.tlsTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(first.noTlsVerify()).isTrue();
        assertThat(rules.rules().get(0).access()).isNotNull();
        assertThat(rules.rules().get(0).path()).isEqualTo("^/api");
        assertThat(remote.warpRoutingConfig(null).connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(remote.warpRoutingConfig(null).tcpKeepAlive()).isEqualTo(Duration.ofSeconds(20));
        assertThat(remote.warpRoutingConfig(null).maxActiveFlows()).isEqualTo(50);
        assertThat(remote.warpRoutingConfig(5L).maxActiveFlows()).isEqualTo(5);
    }

    @Test
    void parseShouldMatchKeysCaseInsensitivelyLikeGo() {
        RemoteConfiguration remote = RemoteConfiguration.parse(
                "{\"Ingress\":[{\"Service\":\"http://127.0.0.1:1\",\"OriginRequest\":{\"NOTLSVERIFY\":true}}]}");
        assertThat(remote.ingressRules().rules().get(0).config().noTlsVerify()).isTrue();
    }

    @Test
    void parseWhenIngressIsEmptyShouldGiveTheDefault503Table() {
        IngressRules rules = RemoteConfiguration.parse("{\"ingress\":[],\"warp-routing\":{}}")
                .ingressRules();
        assertThat(rules.isFallback()).isTrue();
        assertThat(rules.rules().get(0).service().serviceString()).isEqualTo("http_status:503");
    }

    @Test
    void parseWhenDurationIsNotWholeSecondsShouldNameTheKey() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> RemoteConfiguration.parse("{\"originRequest\":{\"connectTimeout\":\"30s\"}}"))
                .withMessage("originRequest.connectTimeout: expected a whole number of seconds, got '30s'");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> RemoteConfiguration.parse(
                        "{\"ingress\":[{\"service\":\"x\",\"originRequest\":{\"tlsTimeout\":1.5}}]}"))
                .withMessage("ingress[0].originRequest.tlsTimeout: expected a whole number of seconds, got '1.5'");
    }

    @Test
    void parseWhenNotJsonShouldFail() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> RemoteConfiguration.parse("{\"ingress\":"))
                .withMessageStartingWith("Remote configuration is not valid JSON: ");
    }

    @Test
    void ingressRulesWhenInvalidShouldReportCloudflaredText() {
        RemoteConfiguration remote =
                RemoteConfiguration.parse("{\"ingress\":[{\"hostname\":\"a.org\",\"service\":\"http://x\"}]}");
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(remote::ingressRules)
                .withMessage(
                        "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)");
    }
}
