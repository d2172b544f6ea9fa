package io.tunnelagent.core.ingress.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressServiceTests {

    @Test
    void parseHttpAndWebSocketSchemesShouldGiveHttpOrigins() {
        assertThat(parse("http://127.0.0.1:8080"))
                .isEqualTo(new IngressService.Http("http://127.0.0.1:8080", false, "127.0.0.1", 8080));
        assertThat(parse("https://origin.internal"))
                .isEqualTo(new IngressService.Http("https://origin.internal", true, "origin.internal", 443));
        assertThat(parse("ws://localhost"))
                .isEqualTo(new IngressService.Http("ws://localhost", false, "localhost", 80));
        IngressService.Http wss = (IngressService.Http) parse("wss://[::1]:9443");
        assertThat(wss.scheme()).isEqualTo("https");
        assertThat(wss.host()).isEqualTo("::1");
        assertThat(wss.port()).isEqualTo(9443);
        assertThat(wss.serviceString()).isEqualTo("wss://[::1]:9443");
    }

    @Test
    void parseShouldLowerCaseTheScheme() {
        assertThat(parse("HTTP://127.0.0.1:1").serviceString()).isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void parseUnixSocketsShouldKeepPathAndTls() {
        assertThat(parse("unix:/tmp/sock")).isEqualTo(new IngressService.UnixSocket("/tmp/sock", false));
        assertThat(parse("unix+tls:/tmp/sock")).isEqualTo(new IngressService.UnixSocket("/tmp/sock", true));
        assertThat(parse("unix+tls:/tmp/sock").serviceString()).isEqualTo("unix+tls:/tmp/sock");
    }

    @Test
    void parseHelloWorldShouldAcceptBothSpellings() {
        assertThat(parse("hello_world")).isInstanceOf(IngressService.HelloWorld.class);
        assertThat(parse("hello-world").serviceString()).isEqualTo("hello_world");
    }

    @Test
    void parseTcpSchemesShouldAddDefaultPorts() {
        assertThat(parse("ssh://host").serviceString()).isEqualTo("ssh://host:22");
        assertThat(parse("rdp://host").serviceString()).isEqualTo("rdp://host:3389");
        assertThat(parse("smb://host").serviceString()).isEqualTo("smb://host:445");
        assertThat(parse("tcp://host").serviceString()).isEqualTo("tcp://host:7864");
        assertThat(parse("ssh://host:2222").serviceString()).isEqualTo("ssh://host:2222");
        assertThat(parse("ssh://[::1]").serviceString()).isEqualTo("ssh://[::1]:22");
    }

    @Test
    void parseUnknownSchemeWithHostShouldBeTcpWithoutDefaultPort() {
        assertThat(parse("ftp://127.0.0.1:21")).isEqualTo(new IngressService.TcpOverWebSocket("ftp", "127.0.0.1:21"));
        assertThat(parse("postgres://db").serviceString()).isEqualTo("postgres://db");
    }

    @Test
    void parseBastionShouldComeFromServiceOrBastionMode() {
        assertThat(parse("bastion")).isInstanceOf(IngressService.Bastion.class);
        assertThat(IngressService.parse("http://127.0.0.1:1", true, List.of()))
                .isInstanceOf(IngressService.Bastion.class);
        assertThat(IngressService.parse("http_status:404", true, List.of()))
                .isInstanceOf(IngressService.HttpStatus.class);
    }

    @Test
    void parseSocksProxyShouldValidateIpRules() {
        IngressService service = IngressService.parse(
                "socks-proxy", false, List.of(IpRuleDefinition.of("10.1.2.3/8", List.of(443, 80), true)));
        assertThat(service).isInstanceOfSatisfying(IngressService.SocksProxy.class, socks -> {
            assertThat(socks.ipRules()).singleElement().satisfies(rule -> {
                assertThat(rule.cidr()).isEqualTo("10.0.0.0/8");
                assertThat(rule.ports()).containsExactly(80, 443);
            });
        });
        assertThat(service.serviceString()).isEqualTo("socks-proxy");
    }

    @Test
    void parseWhenStatusHasSignShouldAcceptIt() {
        assertThat(parse("http_status:+404")).isEqualTo(new IngressService.HttpStatus(404));
    }

    @Test
    void parseWhenStatusOverflowsShouldReportRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("http_status:99999999999999999999"))
                .withMessage(
                        "invalid HTTP status code: strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    private static IngressService parse(String service) {
        return IngressService.parse(service, false, List.of());
    }
}
