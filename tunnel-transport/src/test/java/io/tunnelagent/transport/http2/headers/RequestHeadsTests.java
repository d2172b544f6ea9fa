package io.tunnelagent.transport.http2.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.TransportException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHeadsTests {

    @Test
    void httpRequestBecomesConnectRequestWithPathMethodHostAndCanonicalHeaders() {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("POST")
                .scheme("http")
                .authority("test.example.com")
                .path("/echo?x=1")
                .add("content-type", "application/x-www-form-urlencoded")
                .add("x-multi", "a")
                .add("x-multi", "b");

        ConnectRequest request = RequestHeads.toConnectRequest(headers, RequestKind.HTTP);

        assertThat(request.dest()).isEqualTo("/echo?x=1");
        assertThat(request.type()).isEqualTo(ConnectionType.HTTP);
        assertThat(request.metadata())
                .containsExactly(
                        new Metadata(Metadata.HTTP_METHOD, "POST"),
                        new Metadata(Metadata.HTTP_HOST, "test.example.com"),
                        Metadata.header("Content-Type", "application/x-www-form-urlencoded"),
                        Metadata.header("X-Multi", "a"),
                        Metadata.header("X-Multi", "b"));
    }

    @Test
    void internalUpgradeHeaderIsRemoved() {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("GET")
                .authority("ws.example.com")
                .path("/ws")
                .set(RequestKind.UPGRADE_HEADER, "websocket");

        ConnectRequest request = RequestHeads.toConnectRequest(headers, RequestKind.WEBSOCKET);

        assertThat(request.type()).isEqualTo(ConnectionType.WEBSOCKET);
        assertThat(request.metadata()).noneMatch(entry -> entry.key().contains("Connection-Upgrade"));
    }

    @Test
    void postWhoseHeadDoesNotEndTheStreamAndHasNoLengthIsMarkedChunkedLikeGoSendsIt() {
        Http2Headers post = new DefaultHttp2Headers()
                .method("POST")
                .authority("a.example.com")
                .path("/up");
        Http2Headers get = new DefaultHttp2Headers()
                .method("GET")
                .authority("a.example.com")
                .path("/");
        Http2Headers sized = new DefaultHttp2Headers()
                .method("POST")
                .authority("a.example.com")
                .path("/up")
                .set("content-length", "3");

        assertThat(RequestHeads.toConnectRequest(post, RequestKind.HTTP, false).metadata())
                .contains(Metadata.header("Transfer-Encoding", "chunked"));
        assertThat(RequestHeads.toConnectRequest(post, RequestKind.HTTP, true).metadata())
                .noneMatch(entry -> entry.key().equals("HttpHeader:Transfer-Encoding"));
        assertThat(RequestHeads.toConnectRequest(get, RequestKind.HTTP, false).metadata())
                .noneMatch(entry -> entry.key().equals("HttpHeader:Transfer-Encoding"));
        assertThat(RequestHeads.toConnectRequest(sized, RequestKind.HTTP, false).metadata())
                .noneMatch(entry -> entry.key().equals("HttpHeader:Transfer-Encoding"));
    }

    @Test
    void tcpRequestTakesItsDestinationFromTheAuthority() {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("GET")
                .authority("10.1.2.3:22")
                .path("/")
                .set(RequestKind.PROXY_SRC_HEADER, "198.51.100.1");

        ConnectRequest request = RequestHeads.toConnectRequest(headers, RequestKind.TCP);

        assertThat(request.dest()).isEqualTo("10.1.2.3:22");
        assertThat(request.type()).isEqualTo(ConnectionType.TCP);
    }

    @Test
    void tcpRequestWithoutAuthorityIsRefused() {
        Http2Headers headers = new DefaultHttp2Headers().method("GET").path("/").set(RequestKind.PROXY_SRC_HEADER, "x");

        assertThatThrownBy(() -> RequestHeads.toConnectRequest(headers, RequestKind.TCP))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("empty host");
    }

    @Test
    void edgeWritesMethodAuthorityPathAndLowerCaseHeaders() {
        ConnectRequest request = new ConnectRequest(
                "/hello?x=1",
                ConnectionType.HTTP,
                List.of(
                        new Metadata(Metadata.HTTP_METHOD, "GET"),
                        new Metadata(Metadata.HTTP_HOST, "test.example.com"),
                        Metadata.header("User-Agent", "golden/1"),
                        Metadata.header("Accept", "*/*")));

        Http2Headers headers = RequestHeads.toHeaders(request);

        assertThat(headers.method()).hasToString("GET");
        assertThat(headers.scheme()).hasToString("http");
        assertThat(headers.authority()).hasToString("test.example.com");
        assertThat(headers.path()).hasToString("/hello?x=1");
        assertThat(headers.get("user-agent")).hasToString("golden/1");
        assertThat(headers.get("accept")).hasToString("*/*");
    }

    @Test
    void edgeDropsConnectionSpecificHeadersButMarksWebSockets() {
        ConnectRequest request = new ConnectRequest(
                "/ws",
                ConnectionType.WEBSOCKET,
                List.of(
                        new Metadata(Metadata.HTTP_HOST, "ws.example.com"),
                        Metadata.header("Connection", "Upgrade"),
                        Metadata.header("Upgrade", "websocket"),
                        Metadata.header("Keep-Alive", "timeout=5"),
                        Metadata.header("Proxy-Connection", "keep-alive"),
                        Metadata.header("Transfer-Encoding", "chunked"),
                        Metadata.header("Sec-WebSocket-Key", "k")));

        Http2Headers headers = RequestHeads.toHeaders(request);

        assertThat(headers.names())
                .extracting(CharSequence::toString)
                .containsExactlyInAnyOrder(
                        ":method", ":scheme", ":authority", ":path", RequestKind.UPGRADE_HEADER, "sec-websocket-key");
        assertThat(headers.get(RequestKind.UPGRADE_HEADER)).hasToString("websocket");
        assertThat(RequestKind.classify(headers)).isEqualTo(RequestKind.WEBSOCKET);
    }

    @Test
    void edgeSendsTcpStreamsToTheirDestinationWithAProxySource() {
        ConnectRequest request = new ConnectRequest(
                "10.1.2.3:22", ConnectionType.TCP, List.of(new Metadata(Metadata.FLOW_ID, "flow-9")));

        Http2Headers headers = RequestHeads.toHeaders(request);

        assertThat(headers.authority()).hasToString("10.1.2.3:22");
        assertThat(headers.get(RequestKind.PROXY_SRC_HEADER)).hasToString("flow-9");
        assertThat(RequestKind.classify(headers)).isEqualTo(RequestKind.TCP);
    }

    @Test
    void edgeTakesTheAuthorityFromAnAbsoluteDestinationWithoutHost() {
        ConnectRequest request =
                new ConnectRequest("http://app.example.com:8080/a/b?c=d", ConnectionType.HTTP, List.of());

        Http2Headers headers = RequestHeads.toHeaders(request);

        assertThat(headers.authority()).hasToString("app.example.com:8080");
        assertThat(headers.path()).hasToString("/a/b?c=d");
        assertThat(headers.method()).hasToString("GET");
    }

    @Test
    void canonicalNameFollowsGo() {
        assertThat(RequestHeads.canonicalName("sec-websocket-key")).isEqualTo("Sec-Websocket-Key");
        assertThat(RequestHeads.canonicalName("X-GOLDEN")).isEqualTo("X-Golden");
    }
}
