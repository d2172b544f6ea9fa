package io.tunnelagent.core.config.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.config.CloudflaredConfig;
import io.tunnelagent.core.config.ConfigFlags;
import io.tunnelagent.core.config.TestResources;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalConfigurationTests {

    @ParameterizedTest
    @CsvSource({
        "quic, vectors/quic-control-c2s-05-update-local-config-call.bin",
        "http2, vectors/h2-control-c2s-05-update-local-config-call.bin"
    })
    void toJsonShouldEqualTheJsonCloudflaredPushedForTheVectorConfig(String protocol, String vector) {
        CloudflaredConfig config = TestResources.config("vector.yml");
        ConfigFlags cli = ConfigFlags.of(Map.of(
                "no-autoupdate",
                true,
                "loglevel",
                "debug",
                "metrics",
                "127.0.0.1:0",
                "grace-period",
                "3s",
                "protocol",
                protocol,
                "edge",
                List.of("127.0.0.1:7844")));

        String json = LocalConfiguration.toJson(
                config.ingressRules(),
                config.warpRoutingConfig(),
                config.flags().withOverrides(cli).reportedFlags());

        assertThat(json).isEqualTo(capturedJson(vector));
    }

    @Test
    void toJsonShouldWriteOnlyNonDefaultOptionsWithGlobalOptionsFoldedIntoRules() {
        OriginRequestDefinition global = new OriginRequestDefinition();
        global.setNoTlsVerify(true);
        IngressRuleDefinition first = IngressRuleDefinition.of("a.example.com", "https://127.0.0.1:8443");
        first.setPath("/api<&>");
        first.getOriginRequest().setConnectTimeout(Duration.ofMillis(1500));
        first.getOriginRequest().setKeepAliveConnections(5);
        first.getOriginRequest().setHttpHostHeader("internal");
        first.getOriginRequest().setProxyAddress("0.0.0.0");
        IngressRuleDefinition socks = IngressRuleDefinition.of("socks.example.com", "socks-proxy");
        socks.getOriginRequest().setIpRules(List.of(IpRuleDefinition.of("10.1.0.0/16", List.of(443, 80), false)));
        IngressRules rules =
                IngressRules.compile(List.of(first, socks, IngressRuleDefinition.of(null, "bastion")), global);
        WarpRoutingDefinition warp = new WarpRoutingDefinition();
        warp.setConnectTimeout(Duration.ofSeconds(10));
        warp.setMaxActiveFlows(3L);

        String json = LocalConfiguration.toJson(rules, WarpRoutingConfig.resolve(warp), Map.of());

        assertThat(json)
                .isEqualTo("{\"ingress\":["
                        + "{\"hostname\":\"a.example.com\",\"path\":\"/api\\u003c\\u0026\\u003e\",\"service\":\"https://127.0.0.1:8443\","
                        + "\"originRequest\":{\"connectTimeout\":1.5,\"keepAliveConnections\":5,\"httpHostHeader\":\"internal\","
                        + "\"noTLSVerify\":true,\"proxyAddress\":\"0.0.0.0\"}},"
                        + "{\"hostname\":\"socks.example.com\",\"service\":\"socks-proxy\",\"originRequest\":{\"noTLSVerify\":true,"
                        + "\"ipRules\":[{\"prefix\":\"10.1.0.0/16\",\"ports\":[80,443],\"allow\":false}]}},"
                        + "{\"service\":\"bastion\",\"originRequest\":{\"noTLSVerify\":true,\"bastionMode\":true}}],"
                        + "\"warp-routing\":{\"connectTimeout\":10,\"maxActiveFlows\":3}}");
    }

    @Test
    void toJsonForTheFallbackRuleShouldWriteCloudflaredsZeroValuedOptions() {
        String json = LocalConfiguration.toJson(
                IngressRules.compile(List.of(), null), WarpRoutingConfig.defaults(), Map.of("a", "b"));
        assertThat(json)
                .isEqualTo("{\"__configuration_flags\":{\"a\":\"b\"},\"ingress\":[{\"service\":\"http_status:503\","
                        + "\"originRequest\":{\"connectTimeout\":0,\"tlsTimeout\":0,\"tcpKeepAlive\":0,\"keepAliveConnections\":0,"
                        + "\"keepAliveTimeout\":0,\"proxyAddress\":\"\"}}],\"warp-routing\":{}}");
    }

    @Test
    void goFloatShouldUseGoShortestFormatting() {
        assertThat(GoJsonWriter.goFloat(new java.math.BigDecimal("30.000000000")))
                .isEqualTo("30");
        assertThat(GoJsonWriter.goFloat(new java.math.BigDecimal("0.1"))).isEqualTo("0.1");
        assertThat(GoJsonWriter.goFloat(new java.math.BigDecimal("0.000000001")))
                .isEqualTo("1e-9");
        assertThat(GoJsonWriter.goFloat(new java.math.BigDecimal("-2"))).isEqualTo("-2");
    }

    /** The config text inside the captured Cap'n Proto call: a NUL-terminated Text starting with the JSON. */
    private static String capturedJson(String resource) {
        byte[] message = TestResources.bytes(resource);
        String latin = new String(message, StandardCharsets.ISO_8859_1);
        int start = latin.indexOf("{\"__configuration_flags\"");
        int end = latin.indexOf('\0', start);
        return new String(message, start, end - start, StandardCharsets.UTF_8);
    }
}
