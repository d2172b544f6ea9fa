package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static io.tunnelagent.core.proxy.StreamOriginsTests.masked;
import static io.tunnelagent.core.proxy.StreamOriginsTests.websocket;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code socks-proxy} service: SOCKS5 over the connector-terminated WebSocket, with {@code ipRules}. */
class SocksProxyTests {

    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void allowedDestinationIsConnectedAndPiped() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(websocket("socks.example.com"));

        this.fixture.proxy(stream, socksRules(echo, true));
        assertThat(stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).error())
                .isEmpty();
        stream.send(masked(0x82, new byte[] {5, 1, 0}));
        stream.send(masked(0x82, connect(echo)));
        assertThat(stream.awaitBodyBytes(4 + 12, TIMEOUT)).isTrue();
        stream.send(masked(0x82, "through socks"));

        assertThat(stream.awaitBodyBytes(4 + 12 + 2 + 13, TIMEOUT)).isTrue();
        assertThat(HexFormat.of().formatHex(stream.bodyBytes())).startsWith("82020500" + "820a05000001000000000000");
        assertThat(StreamOriginsTests.payloads(stream.bodyBytes(), 16)).isEqualTo("through socks");
    }

    @Test
    void deniedDestinationGetsRuleSetRefusalAndTheStreamEnds() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream stream = this.fixture.stream(websocket("socks.example.com"));

        var done = this.fixture.proxy(stream, socksRules(echo, false));
        stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stream.send(masked(0x82, new byte[] {5, 1, 0}));
        stream.send(masked(0x82, connect(echo)));

        done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(HexFormat.of().formatHex(stream.bodyBytes())).isEqualTo("82020500" + "820a05020001000000000000");
    }

    private static IngressRules socksRules(int port, boolean allow) {
        return rules(rule(
                null,
                "socks-proxy",
                o -> o.setIpRules(List.of(IpRuleDefinition.of("127.0.0.0/8", List.of(port), allow)))));
    }

    private static byte[] connect(int port) {
        return new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port};
    }
}
