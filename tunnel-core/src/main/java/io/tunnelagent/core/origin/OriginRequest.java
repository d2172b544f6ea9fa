package io.tunnelagent.core.origin;

import io.tunnelagent.core.ingress.service.GoUrl;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP view of a {@link ConnectRequest} (protocol doc 3.4): method, host, request target and headers, with header
 * names in Go's canonical form (HTTP/2 delivers them lower-cased) and the internal headers removed.
 *
 * @param type the stream type
 * @param method the method ({@code GET} when the edge sent none)
 * @param host the {@code HttpHost} value (may carry a port)
 * @param target the origin-form request target: path and query
 * @param path the decoded path used for ingress matching
 * @param headers the headers in order, one entry per value
 */
public record OriginRequest(
        ConnectionType type,
        String method,
        String host,
        String target,
        String path,
        List<Map.Entry<String, String>> headers) {

    private static final String PROXY_CONNECTION_UPGRADE = "Cf-Cloudflared-Proxy-Connection-Upgrade";

    private static final String TRACE_ID = "Cf-Trace-Id";

    /** Copies the header list. */
    public OriginRequest {
        headers = List.copyOf(headers);
    }

    /**
     * Reads the request head the way cloudflared's {@code buildHTTPRequest} does.
     *
     * @param request the head from the edge
     * @return the parsed request
     * @throws OriginException when a header key is malformed or the destination is not a URL
     */
    public static OriginRequest from(ConnectRequest request) {
        String method = "GET";
        String host = "";
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Metadata entry : request.metadata()) {
            String key = entry.key();
            if (key.equals(Metadata.HTTP_METHOD)) {
                method = entry.value().isEmpty() ? "GET" : entry.value();
            } else if (key.equals(Metadata.HTTP_HOST)) {
                host = entry.value();
            } else if (key.contains("HttpHeader")) {
                String[] parts = key.split(":", -1);
                if (parts.length != 2) {
                    throw new OriginException("header Key: " + key + " malformed");
                }
                String name = HeaderNames.canonical(parts[1]);
                if (!name.equals(PROXY_CONNECTION_UPGRADE) && !name.equals(TRACE_ID)) {
                    headers.add(Map.entry(name, entry.value()));
                }
            }
        }
        String dest = request.dest();
        String path;
        try {
            path = GoUrl.parse(dest).path();
        } catch (IllegalArgumentException ex) {
            throw new OriginException(ex.getMessage(), ex);
        }
        return new OriginRequest(request.type(), method, host, target(dest), path, headers);
    }

    /**
     * The first value of a header, compared case-insensitively.
     *
     * @param name the header name
     * @return the value, or {@code null}
     */
    public @Nullable String header(String name) {
        for (Map.Entry<String, String> header : this.headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /**
     * The host without its port, as used for TLS server names.
     *
     * @return the host name
     */
    public String hostname() {
        return GoUrl.parse("//" + this.host).hostname();
    }

    /**
     * Whether cloudflared would forward a request body (protocol doc 3.4): WebSocket, chunked, or a positive
     * {@code Content-Length}.
     *
     * @return true if the inbound bytes are a body for the origin
     */
    public boolean hasBody() {
        if (this.type == ConnectionType.WEBSOCKET || isChunked()) {
            return true;
        }
        return contentLength() > 0;
    }

    /**
     * Whether the request says {@code Transfer-Encoding: chunked} (case-insensitive substring).
     *
     * @return true if chunked
     */
    public boolean isChunked() {
        String encoding = header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /**
     * The parsed {@code Content-Length}, or -1 when absent.
     *
     * @return the length
     * @throws OriginException "Error setting content-length" when the value is not a number
     */
    public long contentLength() {
        String value = header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            throw new OriginException("Error setting content-length: " + ex.getMessage(), ex);
        }
    }

    private static String target(String dest) {
        String target = dest;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int scheme = target.indexOf("://");
        if (scheme >= 0 && !target.startsWith("/")) {
            int slash = target.indexOf('/', scheme + 3);
            int query = target.indexOf('?', scheme + 3);
            if (slash < 0 || (query >= 0 && query < slash)) {
                return "/" + (query >= 0 ? target.substring(query) : "");
            }
            return target.substring(slash);
        }
        if (target.isEmpty() || target.startsWith("?")) {
            return "/" + target;
        }
        return target;
    }
}
