package io.tunnelagent.edge.visitor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.TransportProtocol;
import java.nio.charset.StandardCharsets;

/** The pages the edge answers with when it cannot proxy a request, in the spirit of Cloudflare's error pages. */
final class ErrorPages {

    /** Cloudflare's status for a tunnel without a healthy connection (error 1033). */
    static final HttpResponseStatus TUNNEL_UNAVAILABLE = new HttpResponseStatus(530, "Tunnel Unavailable");

    private ErrorPages() {}

    static FullHttpResponse page(
            ByteBufAllocator alloc, HttpResponseStatus status, String title, String detail, String ray) {
        String html = "<!DOCTYPE html>\n<html><head><title>" + status.code() + ": " + escape(title)
                + "</title></head>\n<body><h1>" + escape(title) + "</h1>\n<p>" + escape(detail)
                + "</p>\n<p>Ray ID: " + escape(ray) + " &middot; tunnel-edge</p></body></html>\n";
        ByteBuf body = alloc.buffer();
        body.writeCharSequence(html, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("Cf-Ray", ray);
        return response;
    }

    /**
     * What the 502 page says about an error response from the connector. Over QUIC it carries cloudflared's own
     * text (such as the failed dial to the origin); over HTTP/2 cloudflared sends only a 502 with
     * {@code Cf-Cloudflared-Response-Meta: {"src":"cloudflared"}} and no body (protocol doc 5.6), so there is no
     * text to show beyond whether its flow limiter refused the request.
     */
    static String originError(ConnectResponse response, TransportProtocol protocol) {
        boolean rateLimited = response.metadata().stream()
                .anyMatch(entry -> entry.key().equals(Metadata.FLOW_CONNECT_RATE_LIMITED)
                        && entry.value().equalsIgnoreCase("true"));
        if (rateLimited) {
            return "The tunnel's connector refused the request: its flow limiter allows no more concurrent"
                    + " requests (cloudflared --max-active-flows).";
        }
        if (protocol == TransportProtocol.HTTP2) {
            return "The tunnel's connector could not serve the request. Over HTTP/2 cloudflared reports no"
                    + " reason to the edge: its log names the cause (for instance the origin refusing the"
                    + " connection).";
        }
        return "The tunnel's connector could not serve the request: " + response.error();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
