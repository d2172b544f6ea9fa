package io.tunnelagent.transport.http2.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.Test;

class RequestKindTests {

    @Test
    void updateConfigurationUpgradeIsAConfigurationUpdate() {
        assertThat(RequestKind.classify(request().set(RequestKind.UPGRADE_HEADER, "update-configuration")))
                .isEqualTo(RequestKind.CONFIGURATION_UPDATE);
    }

    @Test
    void configurationUpdateWinsOverProxySource() {
        Http2Headers headers = request()
                .set(RequestKind.UPGRADE_HEADER, "update-configuration")
                .set(RequestKind.PROXY_SRC_HEADER, "1.2.3.4");
        assertThat(RequestKind.classify(headers)).isEqualTo(RequestKind.CONFIGURATION_UPDATE);
    }

    @Test
    void websocketUpgradeIsAWebSocket() {
        assertThat(RequestKind.classify(request().set(RequestKind.UPGRADE_HEADER, "websocket")))
                .isEqualTo(RequestKind.WEBSOCKET);
    }

    @Test
    void websocketWinsOverProxySource() {
        Http2Headers headers =
                request().set(RequestKind.UPGRADE_HEADER, "websocket").set(RequestKind.PROXY_SRC_HEADER, "1.2.3.4");
        assertThat(RequestKind.classify(headers)).isEqualTo(RequestKind.WEBSOCKET);
    }

    @Test
    void upgradeValuesAreMatchedExactly() {
        assertThat(RequestKind.classify(request().set(RequestKind.UPGRADE_HEADER, "WebSocket")))
                .isEqualTo(RequestKind.HTTP);
    }

    @Test
    void nonEmptyProxySourceIsATcpStream() {
        assertThat(RequestKind.classify(request().set(RequestKind.PROXY_SRC_HEADER, "1.2.3.4")))
                .isEqualTo(RequestKind.TCP);
    }

    @Test
    void proxySourceWinsOverControlStream() {
        Http2Headers headers = request()
                .set(RequestKind.UPGRADE_HEADER, "control-stream")
                .set(RequestKind.PROXY_SRC_HEADER, "1.2.3.4");
        assertThat(RequestKind.classify(headers)).isEqualTo(RequestKind.TCP);
    }

    @Test
    void emptyProxySourceIsNotATcpStream() {
        assertThat(RequestKind.classify(request().set(RequestKind.PROXY_SRC_HEADER, "")))
                .isEqualTo(RequestKind.HTTP);
    }

    @Test
    void controlStreamUpgradeIsTheControlStream() {
        assertThat(RequestKind.classify(request().set(RequestKind.UPGRADE_HEADER, "control-stream")))
                .isEqualTo(RequestKind.CONTROL_STREAM);
    }

    @Test
    void anythingElseIsPlainHttp() {
        assertThat(RequestKind.classify(request())).isEqualTo(RequestKind.HTTP);
    }

    private static Http2Headers request() {
        return new DefaultHttp2Headers()
                .method("GET")
                .scheme("http")
                .authority("app.example.com")
                .path("/");
    }
}
