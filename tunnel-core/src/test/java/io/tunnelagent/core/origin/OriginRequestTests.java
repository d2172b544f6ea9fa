package io.tunnelagent.core.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginRequestTests {

    @Test
    void lowerCaseHttp2HeaderNamesAreCanonicalizedLikeGo() {
        OriginRequest request = OriginRequest.from(
                request("/", Metadata.header("sec-websocket-key", "k"), Metadata.header("x-forwarded-for", "1.2.3.4")));

        assertThat(request.headers())
                .containsExactly(Map.entry("Sec-Websocket-Key", "k"), Map.entry("X-Forwarded-For", "1.2.3.4"));
    }

    @Test
    void internalHeadersAreDropped() {
        OriginRequest request = OriginRequest.from(request(
                "/",
                Metadata.header("Cf-Cloudflared-Proxy-Connection-Upgrade", "websocket"),
                Metadata.header("cf-trace-id", "a:b:c:1"),
                Metadata.header("Accept", "*/*")));

        assertThat(request.headers()).containsExactly(Map.entry("Accept", "*/*"));
    }

    @Test
    void absoluteDestinationBecomesAnOriginFormTarget() {
        assertThat(OriginRequest.from(request("https://app.example.com/a/b?x=1#frag"))
                        .target())
                .isEqualTo("/a/b?x=1");
        assertThat(OriginRequest.from(request("https://app.example.com?x=1")).target())
                .isEqualTo("/?x=1");
        assertThat(OriginRequest.from(request("/hello?x=1")).path()).isEqualTo("/hello");
    }

    @Test
    void emptyMethodMeansGet() {
        ConnectRequest request = new ConnectRequest("/", ConnectionType.HTTP, List.of(new Metadata("HttpMethod", "")));

        assertThat(OriginRequest.from(request).method()).isEqualTo("GET");
    }

    @Test
    void bodyIsForwardedOnlyWithALengthOrChunkedEncoding() {
        assertThat(OriginRequest.from(request("/")).hasBody()).isFalse();
        assertThat(OriginRequest.from(request("/", Metadata.header("Content-Length", "0")))
                        .hasBody())
                .isFalse();
        assertThat(OriginRequest.from(request("/", Metadata.header("Content-Length", "3")))
                        .hasBody())
                .isTrue();
        assertThat(OriginRequest.from(request("/", Metadata.header("transfer-encoding", "gzip, Chunked")))
                        .hasBody())
                .isTrue();
    }

    @Test
    void unparseableContentLengthFailsWithCloudflaredsPrefix() {
        OriginRequest request = OriginRequest.from(request("/", Metadata.header("Content-Length", "ten")));

        assertThatThrownBy(request::contentLength)
                .isInstanceOf(OriginException.class)
                .hasMessageStartingWith("Error setting content-length");
    }

    @Test
    void headerNamesWithInvalidCharactersStayAsTheyAre() {
        assertThat(HeaderNames.canonical("x custom")).isEqualTo("x custom");
        assertThat(HeaderNames.canonical("CONTENT-type")).isEqualTo("Content-Type");
    }

    private static ConnectRequest request(String dest, Metadata... headers) {
        List<Metadata> metadata = new java.util.ArrayList<>(List.of(headers));
        metadata.add(0, new Metadata("HttpHost", "app.example.com"));
        return new ConnectRequest(dest, ConnectionType.HTTP, metadata);
    }
}
