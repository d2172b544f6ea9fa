package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.http;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in {@code hello_world} origin, reached over TLS with its own certificate trusted. */
class HelloWorldTests {

    private final ProxyFixture fixture = new ProxyFixture();
    private final IngressRules rules = rules(rule(null, "hello_world"));

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void helloWorldServesItsPageOverTls() throws Exception {
        MemoryDataStream stream = this.fixture.stream(http("GET", "hello.example.com", "/"));

        ProxyResult result = this.fixture.exchange(stream, this.rules);

        assertThat(result.status()).isEqualTo(200);
        assertThat(stream.response().get().metadata())
                .contains(Metadata.header("Content-Type", "text/html; charset=utf-8"));
        assertThat(stream.bodyText()).contains("Congrats! You created a tunnel!");
    }

    @Test
    void helloWorldEchoesWebSocketFramesOnWs() throws Exception {
        MemoryDataStream stream = this.fixture.stream(ProxyFixture.request(
                ConnectionType.WEBSOCKET,
                "GET",
                "hello.example.com",
                "/ws",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version",
                "13"));

        this.fixture.proxy(stream, this.rules);
        ConnectResponse response = stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stream.send(StreamOriginsTests.masked(0x81, "hello"));

        assertThat(response.metadata()).contains(new Metadata("HttpStatus", "101"));
        assertThat(stream.awaitBodyBytes(7, TIMEOUT)).isTrue();
        assertThat(HexFormat.of().formatHex(stream.bodyBytes())).isEqualTo("810568656c6c6f");
    }
}
