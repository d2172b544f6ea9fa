package io.tunnelagent.transport.http2.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadsTests {

    @Test
    void successCarriesStatusSerializedHeadersMetaAndRealContentHeaders() {
        ConnectResponse response = new ConnectResponse(
                "",
                List.of(
                        new Metadata(Metadata.HTTP_STATUS, "200"),
                        Metadata.header("Content-Type", "text/plain; charset=utf-8"),
                        Metadata.header("Content-Length", "13"),
                        Metadata.header("X-Golden", "1")));

        ResponseHeads.Head head = ResponseHeads.toHeaders(response);

        Http2Headers headers = head.headers();
        assertThat(head.endStream()).isFalse();
        assertThat(headers.status()).hasToString("200");
        assertThat(headers.get(ResponseHeads.RESPONSE_HEADERS))
                .hasToString("Q29udGVudC1UeXBl:dGV4dC9wbGFpbjsgY2hhcnNldD11dGYtOA;Q29udGVudC1MZW5ndGg:MTM;"
                        + "WC1Hb2xkZW4:MQ");
        assertThat(headers.get(ResponseHeads.RESPONSE_META)).hasToString("{\"src\":\"origin\"}");
        assertThat(headers.get("content-type")).hasToString("text/plain; charset=utf-8");
        assertThat(headers.get("content-length")).hasToString("13");
        assertThat(headers.contains("x-golden")).isFalse();
    }

    @Test
    void internalOriginHeadersAreNotSerialized() {
        ConnectResponse response = new ConnectResponse(
                "",
                List.of(
                        new Metadata(Metadata.HTTP_STATUS, "204"),
                        Metadata.header("Cf-Int-Something", "x"),
                        Metadata.header("Cf-Cloudflared-Anything", "x"),
                        Metadata.header("Cf-Proxy-Thing", "x"),
                        Metadata.header(":weird", "x"),
                        Metadata.header("Cf-Ray", "kept")));

        Http2Headers headers = ResponseHeads.toHeaders(response).headers();

        assertThat(SerializedHeaders.deserialize(
                        headers.get(ResponseHeads.RESPONSE_HEADERS).toString()))
                .containsExactly(Map.entry("Cf-Ray", "kept"));
    }

    @Test
    void switchingProtocolsIsSentAs200WithTheUpgradeHeadersSerialized() {
        ConnectResponse response = new ConnectResponse(
                "",
                List.of(
                        new Metadata(Metadata.HTTP_STATUS, "101"),
                        Metadata.header("Connection", "Upgrade"),
                        Metadata.header("Upgrade", "websocket"),
                        Metadata.header("Sec-Websocket-Accept", "abc=")));

        Http2Headers headers = ResponseHeads.toHeaders(response).headers();

        assertThat(headers.status()).hasToString("200");
        assertThat(SerializedHeaders.deserialize(
                        headers.get(ResponseHeads.RESPONSE_HEADERS).toString()))
                .containsExactly(
                        Map.entry("Connection", "Upgrade"),
                        Map.entry("Upgrade", "websocket"),
                        Map.entry("Sec-Websocket-Accept", "abc="));
    }

    @Test
    void errorIsA502FromCloudflaredThatEndsTheStream() {
        ResponseHeads.Head head = ResponseHeads.toHeaders(new ConnectResponse("origin unreachable", List.of()));

        assertThat(head.endStream()).isTrue();
        assertThat(head.headers().status()).hasToString("502");
        assertThat(head.headers().get(ResponseHeads.RESPONSE_META)).hasToString("{\"src\":\"cloudflared\"}");
        assertThat(head.headers().get("content-length")).hasToString("0");
    }

    @Test
    void rateLimitedErrorSaysSoInTheMeta() {
        ConnectResponse response =
                new ConnectResponse("limited", List.of(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true")));

        Http2Headers headers = ResponseHeads.toHeaders(response).headers();

        assertThat(headers.get(ResponseHeads.RESPONSE_META))
                .hasToString("{\"src\":\"cloudflared\",\"flow_rate_limited\":true}");
    }

    @Test
    void edgeRebuildsTheCapturedResponse() {
        Http2Headers captured = new DefaultHttp2Headers()
                .status("200")
                .set(
                        ResponseHeads.RESPONSE_HEADERS,
                        "Q29udGVudC1UeXBl:dGV4dC9wbGFpbjsgY2hhcnNldD11dGYtOA;Q29udGVudC1MZW5ndGg:MTM;WC1Hb2xkZW4:MQ")
                .set(ResponseHeads.RESPONSE_META, "{\"src\":\"origin\"}")
                .set("content-type", "text/plain; charset=utf-8")
                .set("content-length", "13");

        ConnectResponse response = ResponseHeads.fromHeaders(captured, ConnectionType.HTTP);

        assertThat(response.isError()).isFalse();
        assertThat(response.metadata())
                .containsExactly(
                        new Metadata(Metadata.HTTP_STATUS, "200"),
                        Metadata.header("Content-Type", "text/plain; charset=utf-8"),
                        Metadata.header("Content-Length", "13"),
                        Metadata.header("X-Golden", "1"));
    }

    @Test
    void edgeReads200ToAWebSocketAs101() {
        Http2Headers headers = new DefaultHttp2Headers()
                .status("200")
                .set(ResponseHeads.RESPONSE_HEADERS, "")
                .set(ResponseHeads.RESPONSE_META, "{\"src\":\"origin\"}");

        assertThat(ResponseHeads.fromHeaders(headers, ConnectionType.WEBSOCKET).metadata())
                .containsExactly(new Metadata(Metadata.HTTP_STATUS, "101"));
        assertThat(ResponseHeads.fromHeaders(headers, ConnectionType.TCP).metadata())
                .containsExactly(new Metadata(Metadata.HTTP_STATUS, "101"));
    }

    @Test
    void edgeReadsTheCaptured502AsAnError() {
        Http2Headers captured = new DefaultHttp2Headers()
                .status("502")
                .set(ResponseHeads.RESPONSE_META, "{\"src\":\"cloudflared\"}")
                .set("content-length", "0");

        ConnectResponse response = ResponseHeads.fromHeaders(captured, ConnectionType.HTTP);

        assertThat(response.isError()).isTrue();
        assertThat(response.metadata()).containsExactly(new Metadata(Metadata.HTTP_STATUS, "502"));
    }

    @Test
    void errorAndSuccessRoundTripThroughBothRoles() {
        ConnectResponse limited =
                new ConnectResponse("x", List.of(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true")));
        ConnectResponse rebuilt =
                ResponseHeads.fromHeaders(ResponseHeads.toHeaders(limited).headers(), ConnectionType.TCP);

        assertThat(rebuilt.isError()).isTrue();
        assertThat(rebuilt.metadata()).contains(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true"));
    }
}
