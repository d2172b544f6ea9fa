package io.tunnelagent.core.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEnvironmentTests {

    @Test
    void httpAndHttpsOriginsUseTheirOwnVariableUpperCaseFirst() {
        ProxyEnvironment environment = ProxyEnvironment.from(Map.of(
                "HTTP_PROXY", "http://proxy-a:3128", "http_proxy", "http://ignored:1", "https_proxy", "proxy-b"));

        assertThat(environment.proxyFor(false, "origin.example", 80))
                .isEqualTo(new ProxyEnvironment.Proxy("proxy-a", 3128, null));
        assertThat(environment.proxyFor(true, "origin.example", 443))
                .isEqualTo(new ProxyEnvironment.Proxy("proxy-b", 80, null));
    }

    @Test
    void loopbackOriginsAreNeverProxied() {
        ProxyEnvironment environment = ProxyEnvironment.from(Map.of("HTTP_PROXY", "http://proxy:3128"));

        assertThat(environment.proxyFor(false, "localhost", 80)).isNull();
        assertThat(environment.proxyFor(false, "127.0.0.1", 80)).isNull();
        assertThat(environment.proxyFor(false, "::1", 80)).isNull();
    }

    @Test
    void noProxyExcludesDomainsSubdomainsAddressesRangesAndPorts() {
        ProxyEnvironment environment = ProxyEnvironment.from(Map.of(
                "HTTP_PROXY", "http://proxy:3128",
                "NO_PROXY", "internal.example, .corp.example, 10.0.0.0/8, 192.168.1.5, api.example:8443"));

        assertThat(environment.proxyFor(false, "internal.example", 80)).isNull();
        assertThat(environment.proxyFor(false, "a.internal.example", 80)).isNull();
        assertThat(environment.proxyFor(false, "corp.example", 80)).isNotNull();
        assertThat(environment.proxyFor(false, "x.corp.example", 80)).isNull();
        assertThat(environment.proxyFor(false, "10.1.2.3", 80)).isNull();
        assertThat(environment.proxyFor(false, "192.168.1.5", 80)).isNull();
        assertThat(environment.proxyFor(false, "api.example", 8443)).isNull();
        assertThat(environment.proxyFor(false, "api.example", 443)).isNotNull();
        assertThat(environment.proxyFor(false, "public.example", 80)).isNotNull();
    }

    @Test
    void credentialsBecomeBasicAuthorizationAndStayOutOfToString() {
        ProxyEnvironment environment = ProxyEnvironment.from(Map.of("HTTP_PROXY", "http://user:s3cret@proxy:3128"));

        ProxyEnvironment.Proxy proxy = environment.proxyFor(false, "origin.example", 80);

        assertThat(proxy.authorization()).isEqualTo("Basic dXNlcjpzM2NyZXQ=");
        assertThat(proxy.toString()).doesNotContain("s3cret").doesNotContain("dXNlcjpzM2NyZXQ");
    }

    @Test
    void nonHttpProxyIsRejectedWithAHint() {
        assertThatThrownBy(() -> ProxyEnvironment.from(Map.of("HTTPS_PROXY", "socks5://proxy:1080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use http://host:port");
    }
}
