package io.tunnelagent.core.origin.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.origin.OriginRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import java.util.Map;

/**
 * Builds the HTTP/1.1 request cloudflared's proxy sends to an origin (protocol doc 3.4, 3.5, 7.6): the visitor's
 * headers, {@code Host} (or {@code httpHostHeader} with the original in {@code X-Forwarded-Host}),
 * {@code Cf-Warp-Tag-*}, {@code Connection: keep-alive} (or the WebSocket upgrade headers), {@code Accept-Encoding:
 * gzip} where Go's transport adds it, and the body framing: {@code Content-Length}, chunked, or none.
 */
final class OriginRequestWriter {

    private OriginRequestWriter() {}

    /**
     * The request head and how it was framed.
     *
     * @param head the request head
     * @param hasBody whether inbound bytes are forwarded as the body
     * @param requestedGzip whether {@code Accept-Encoding: gzip} was added (so gzip responses are decoded)
     */
    record Prepared(HttpRequest head, boolean hasBody, boolean requestedGzip) {}

    static Prepared prepare(OriginRequest request, OriginRequestConfig config, Map<String, String> tags) {
        boolean websocket = request.type() == ConnectionType.WEBSOCKET;
        boolean chunked = request.isChunked();
        long contentLength = request.contentLength();
        boolean hasBody = !websocket && request.hasBody();
        DefaultHttpRequest head =
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), request.target());
        HttpHeaders headers = head.headers();
        String host = config.httpHostHeader().isEmpty() ? request.host() : config.httpHostHeader();
        headers.set("Host", host);
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("Host")
                    && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Transfer-Encoding")) {
                headers.add(name, header.getValue());
            }
        }
        if (!config.httpHostHeader().isEmpty()) {
            headers.set("X-Forwarded-Host", request.host());
        }
        tags.forEach((name, value) -> headers.set("Cf-Warp-Tag-" + name, value));
        if (websocket) {
            headers.set("Connection", "Upgrade");
            headers.set("Upgrade", "websocket");
            headers.set("Sec-Websocket-Version", "13");
        } else {
            headers.set("Connection", "keep-alive");
        }
        boolean requestedGzip = !websocket
                && !headers.contains("Accept-Encoding")
                && !headers.contains("Range")
                && !request.method().equals("HEAD");
        if (requestedGzip) {
            headers.set("Accept-Encoding", "gzip");
        }
        if (hasBody) {
            if (chunked && !(config.disableChunkedEncoding() && contentLength >= 0)) {
                headers.set("Transfer-Encoding", "chunked");
            } else {
                headers.set("Content-Length", Long.toString(Math.max(0, contentLength)));
            }
        } else if (request.method().matches("POST|PUT|PATCH")) {
            headers.set("Content-Length", "0");
        }
        return new Prepared(head, hasBody && (chunked || contentLength > 0), requestedGzip);
    }
}
