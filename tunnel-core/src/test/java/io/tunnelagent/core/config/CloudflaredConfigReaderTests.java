package io.tunnelagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.service.IngressService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudflaredConfigReaderTests {

    @Test
    void parseShouldReadTunnelIngressAndFlags() {
        CloudflaredConfig config = TestResources.config("config.yml");
        assertThat(config.source()).isEqualTo("config.yml");
        assertThat(config.tunnel()).isEqualTo("fc452cc6-280f-42f5-a51c-2bc0ce093d5e");
        assertThat(config.credentialsFile()).contains("test/creds.json");
        assertThat(config.ingress())
                .extracting(IngressRuleDefinition::getHostname)
                .containsExactly("x.example.com", "*.example.com", null);
        assertThat(config.ingress().get(0).getPath()).isEqualTo("^/y");
        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.flags().names()).containsExactly("credentials-file");
    }

    @Test
    void parseShouldReadEveryOriginRequestOptionWithGoDurations() {
        CloudflaredConfig config = CloudflaredConfigReader.parse("""
                originRequest:
                  connectTimeout: 1m30s
                  tlsTimeout: 2s
                  tcpKeepAlive: 500ms
                  noHappyEyeballs: true
                  keepAliveConnections: 7
                  keepAliveTimeout: 1h
                  httpHostHeader: internal.example
                  originServerName: origin.example
                  matchSNItoHost: yes
                  caPool: /etc/ca.pem
                  noTLSVerify: false
                  disableChunkedEncoding: true
                  bastionMode: false
                  proxyAddress: 0.0.0.0
                  proxyPort: 1080
                  proxyType: socks
                  ipRules:
                    - prefix: 10.0.0.0/8
                      ports: [443, 80]
                      allow: true
                  http2Origin: true
                  access:
                    required: true
                    teamName: team
                    audTag: [a1, a2]
                    environment: fed
                ingress:
                  - service: http://127.0.0.1:8080
                    originRequest:
                      connectTimeout: 3s
                warp-routing:
                  connectTimeout: 2s
                  tcpKeepAlive: 1m
                  maxActiveFlows: 100
                """, "inline");

        IngressRules rules = config.ingressRules();
        OriginRequestConfig rule = rules.rules().get(0).config();
        assertThat(rule.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rules.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rule.tlsTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rule.tcpKeepAlive()).isEqualTo(Duration.ofMillis(500));
        assertThat(rule.noHappyEyeballs()).isTrue();
        assertThat(rule.keepAliveConnections()).isEqualTo(7);
        assertThat(rule.keepAliveTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(rule.httpHostHeader()).isEqualTo("internal.example");
        assertThat(rule.originServerName()).isEqualTo("origin.example");
        assertThat(rule.matchSniToHost()).isTrue();
        assertThat(rule.caPool()).isEqualTo("/etc/ca.pem");
        assertThat(rule.noTlsVerify()).isFalse();
        assertThat(rule.disableChunkedEncoding()).isTrue();
        assertThat(rule.proxyAddress()).isEqualTo("0.0.0.0");
        assertThat(rule.proxyPort()).isEqualTo(1080);
        assertThat(rule.proxyType()).isEqualTo("socks");
        assertThat(rule.ipRules())
                .singleElement()
                .satisfies(ip -> assertThat(ip.ports()).containsExactly(80, 443));
        assertThat(rule.http2Origin()).isTrue();
        assertThat(rule.access()).isNotNull();
        assertThat(rule.access().audTags()).containsExactly("a1", "a2");
        assertThat(rules.rules().get(0).access())
                .as("global access is not enforced")
                .isNull();
        assertThat(config.warpRoutingConfig().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.warpRoutingConfig().tcpKeepAlive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.warpRoutingConfig().maxActiveFlows()).isEqualTo(100);
    }

    @Test
    void parseWhenDurationIsInvalidShouldNameKeyAndExpectedForm() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("originRequest:\n  connectTimeout: abc\n", "c"))
                .withMessage("originRequest.connectTimeout: expected a duration like 30s, got 'abc'");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse(
                        "ingress:\n  - service: x\n    originRequest:\n      tlsTimeout: 30\n", "c"))
                .withMessage("ingress[0].originRequest.tlsTimeout: expected a duration like 30s, got '30'");
    }

    @Test
    void parseWhenValueHasWrongTypeShouldNameKeyAndExpectedForm() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("originRequest:\n  noTLSVerify: maybe\n", "c"))
                .withMessage("originRequest.noTLSVerify: expected true or false, got 'maybe'");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("originRequest:\n  keepAliveConnections: many\n", "c"))
                .withMessage("originRequest.keepAliveConnections: expected an integer, got 'many'");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("ingress:\n  service: x\n", "c"))
                .withMessage("ingress: expected a list of rules, got a mapping");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("warp-routing:\n  maxActiveFlows: -1\n", "c"))
                .withMessage("warp-routing.maxActiveFlows: expected a non-negative integer, got '-1'");
    }

    @Test
    void parseShouldListUnknownKeysInsideRulesAndOptionsLikeGoStrictDecoder() {
        CloudflaredConfig config = CloudflaredConfigReader.parse("""
                unknown-top-level: kept as a flag
                ingress:
                  - hostname: a.example.com
                    servce: http://127.0.0.1:1
                    service: http://127.0.0.1:1
                    originRequest:
                      conectTimeout: 5s
                  - service: http_status:404
                warp-routing:
                  foo: 1
                """, "c");
        assertThat(config.unusedKeysWarning())
                .contains("yaml: unmarshal errors:\n"
                        + "  line 4: field servce not found in type config.UnvalidatedIngressRule\n"
                        + "  line 7: field conectTimeout not found in type config.OriginRequestConfig\n"
                        + "  line 10: field foo not found in type config.WarpRoutingConfig");
        assertThat(config.flags().string("unknown-top-level")).contains("kept as a flag");
    }

    @Test
    void parseShouldKeepOtherTopLevelKeysAsTypedFlags() {
        CloudflaredConfig config = CloudflaredConfigReader.parse("""
                protocol: quic
                no-autoupdate: true
                retries: 7
                grace-period: 1m30s
                edge: [127.0.0.1:7844, 127.0.0.2:7844]
                """, "c");
        ConfigFlags flags = config.flags();
        assertThat(flags.string("protocol")).contains("quic");
        assertThat(flags.bool("no-autoupdate")).contains(true);
        assertThat(flags.integer("retries")).contains(7L);
        assertThat(flags.duration("grace-period")).contains(Duration.ofSeconds(90));
        assertThat(flags.stringList("edge")).containsExactly("127.0.0.1:7844", "127.0.0.2:7844");
        assertThat(flags.string("loglevel")).isEmpty();
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> flags.integer("protocol"))
                .withMessage("protocol: expected an integer, got 'quic'");
    }

    @Test
    void parseWhenFileIsEmptyShouldGiveEmptyConfiguration() {
        CloudflaredConfig config = CloudflaredConfigReader.parse("", "empty.yml");
        assertThat(config.ingress()).isEmpty();
        assertThatExceptionOfType(io.tunnelagent.core.ingress.IngressValidationException.class)
                .isThrownBy(config::ingressRules)
                .withMessage("The config file doesn't contain any ingress rules");
    }

    @Test
    void parseWhenYamlIsMalformedShouldNameTheSource() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("ingress: [\n", "broken.yml"))
                .withMessageStartingWith("error parsing YAML in config file at broken.yml: ");
    }

    @Test
    void parseWhenKeyIsDuplicatedShouldFail() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse("tunnel: a\ntunnel: b\n", "c"))
                .withMessage("line 2: mapping key \"tunnel\" already defined at line 1");
    }

    @Test
    void parseShouldRejectGlobalTagsInsteadOfConstructingTypes() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse(
                        "loglevel: !!javax.script.ScriptEngineManager [!!java.net.URL [\"http://x\"]]\n", "c"))
                .withMessageContaining("Global tag is not allowed");
    }

    @Test
    void parseShouldRejectAliasBombs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))));
            yaml.append("]\n");
        }
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.parse(yaml.toString(), "bomb.yml"));
    }

    @Test
    void parseShouldSupportAnchorsAndMergeKeys() {
        CloudflaredConfig config = CloudflaredConfigReader.parse("""
                x-common: &common
                  noTLSVerify: true
                ingress:
                  - service: https://127.0.0.1:8443
                    originRequest:
                      <<: *common
                      connectTimeout: 5s
                """, "c");
        OriginRequestConfig rule = config.ingressRules().rules().get(0).config();
        assertThat(rule.noTlsVerify()).isTrue();
        assertThat(rule.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.ingressRules().rules().get(0).service()).isInstanceOf(IngressService.Http.class);
    }

    @Test
    void readShouldUseThePathAsSource(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("config.yml");
        Files.writeString(file, TestResources.text("config/config.yml"));
        assertThat(CloudflaredConfigReader.read(file).source()).isEqualTo(file.toString());
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> CloudflaredConfigReader.read(directory.resolve("missing.yml")))
                .withMessageStartingWith("Cannot read configuration file ");
    }
}
