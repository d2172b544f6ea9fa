package io.tunnelagent.transport.http2.headers;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a proxied response between {@link ConnectResponse} and HTTP/2 response headers (protocol doc 5.4–5.6 and
 * Appendix D): the connector writes a response head, the edge rebuilds the {@code ConnectResponse} from it.
 */
public final class ResponseHeads {

    /** The header that carries the serialized origin headers. */
    public static final String RESPONSE_HEADERS = "cf-cloudflared-response-headers";

    /** The header that says who produced the response. */
    public static final String RESPONSE_META = "cf-cloudflared-response-meta";

    /** The tracing header, sent as a real header and never serialized. */
    public static final String TRACING = "cf-int-cloudflared-tracing";

    static final String META_ORIGIN = "{\"src\":\"origin\"}";
    static final String META_CLOUDFLARED = "{\"src\":\"cloudflared\"}";
    static final String META_RATE_LIMITED = "{\"src\":\"cloudflared\",\"flow_rate_limited\":true}";

    private static final List<String> NOT_SERIALIZED = List.of(":", "cf-int-", "cf-cloudflared-", "cf-proxy-");

    private ResponseHeads() {}

    /**
     * The response head the connector writes for a response, and whether it ends the stream.
     *
     * @param headers the HTTP/2 headers
     * @param endStream whether the HEADERS frame carries END_STREAM (error responses)
     */
    public record Head(Http2Headers headers, boolean endStream) {}

    /**
     * Builds the response head (connector role). A success becomes the origin's status (101 rewritten to 200), the
     * serialized origin headers, {@code {"src":"origin"}} and {@code content-type}/{@code content-length} also as
     * real headers; an error becomes a 502 with {@code {"src":"cloudflared"}} (plus {@code "flow_rate_limited":true}
     * when the response says so), {@code content-length: 0} and END_STREAM.
     *
     * @param response the response
     * @return the head
     */
    public static Head toHeaders(ConnectResponse response) {
        if (response.isError()) {
            boolean rateLimited = response.metadata().stream()
                    .anyMatch(entry -> entry.key().equals(Metadata.FLOW_CONNECT_RATE_LIMITED)
                            && entry.value().equalsIgnoreCase("true"));
            Http2Headers headers = new DefaultHttp2Headers()
                    .status("502")
                    .set(RESPONSE_META, rateLimited ? META_RATE_LIMITED : META_CLOUDFLARED)
                    .set("content-length", "0");
            return new Head(headers, true);
        }
        String status = "200";
        List<Map.Entry<String, String>> serialized = new ArrayList<>();
        Http2Headers real = new DefaultHttp2Headers();
        for (Metadata entry : response.metadata()) {
            if (entry.key().equals(Metadata.HTTP_STATUS)) {
                status = entry.value().equals("101") ? "200" : entry.value();
            } else if (entry.key().equalsIgnoreCase(TRACING)) {
                real.add(TRACING, entry.value());
            } else if (entry.key().startsWith(Metadata.HTTP_HEADER_PREFIX)) {
                String name = entry.key().substring(Metadata.HTTP_HEADER_PREFIX.length());
                String lower = name.toLowerCase(Locale.ROOT);
                if (NOT_SERIALIZED.stream().noneMatch(lower::startsWith)) {
                    serialized.add(Map.entry(name, entry.value()));
                }
                if (lower.equals("content-type") || lower.equals("content-length")) {
                    real.add(lower, entry.value());
                }
            }
        }
        Http2Headers headers = new DefaultHttp2Headers()
                .status(status)
                .set(RESPONSE_HEADERS, SerializedHeaders.serialize(serialized))
                .set(RESPONSE_META, META_ORIGIN);
        headers.add(real);
        return new Head(headers, false);
    }

    /**
     * Rebuilds the connector's response (edge role): {@code HttpStatus} (a 200 to a WebSocket or TCP request reads
     * as 101) and the serialized origin headers as {@code HttpHeader:*}; a response whose meta says
     * {@code "src":"cloudflared"} reads as an error response carrying {@code FlowConnectRateLimited=true} when the
     * connector's flow limiter refused it.
     *
     * @param headers the response headers
     * @param requestType the type of the request this answers
     * @return the response
     * @throws io.tunnelagent.transport.TransportException if the serialized headers are malformed
     */
    public static ConnectResponse fromHeaders(Http2Headers headers, ConnectionType requestType) {
        String status = headers.status() == null ? "" : headers.status().toString();
        CharSequence meta = headers.get(RESPONSE_META);
        String metaText = meta == null ? "" : meta.toString().replace(" ", "");
        List<Metadata> metadata = new ArrayList<>();
        if (metaText.contains("\"src\":\"cloudflared\"")) {
            metadata.add(new Metadata(Metadata.HTTP_STATUS, status));
            if (metaText.contains("\"flow_rate_limited\":true")) {
                metadata.add(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true"));
            }
            return new ConnectResponse("the connector could not serve the request (status " + status + ")", metadata);
        }
        boolean upgraded = requestType != ConnectionType.HTTP && status.equals("200");
        metadata.add(new Metadata(Metadata.HTTP_STATUS, upgraded ? "101" : status));
        CharSequence serialized = headers.get(RESPONSE_HEADERS);
        if (serialized != null) {
            for (Map.Entry<String, String> header : SerializedHeaders.deserialize(serialized.toString())) {
                metadata.add(Metadata.header(header.getKey(), header.getValue()));
            }
        } else {
            for (Map.Entry<CharSequence, CharSequence> header : headers) {
                String name = header.getKey().toString();
                if (!name.startsWith(":") && !name.startsWith("cf-cloudflared-")) {
                    metadata.add(Metadata.header(
                            RequestHeads.canonicalName(name), header.getValue().toString()));
                }
            }
        }
        CharSequence tracing = headers.get(TRACING);
        if (tracing != null) {
            metadata.add(new Metadata("Cf-Int-Cloudflared-Tracing", tracing.toString()));
        }
        return new ConnectResponse("", metadata);
    }
}
