package io.tunnelagent.transport.http2.headers;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.TransportException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps proxied requests between HTTP/2 headers and {@link ConnectRequest} (protocol doc 5.4 and 5.5): the connector
 * reads the edge's request into a {@code ConnectRequest}, the edge writes a {@code ConnectRequest} as a request.
 */
public final class RequestHeads {

    /** Header names HTTP/2 forbids (RFC 9113 8.2.2); the edge drops them from proxied requests. */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    /** Methods for which Go's transport does not assume a body of unknown length (it probes instead). */
    private static final Set<String> METHODS_WITHOUT_BODY =
            Set.of("GET", "HEAD", "DELETE", "OPTIONS", "PROPFIND", "SEARCH");

    /** The value of {@code Cf-Cloudflared-Proxy-Src} when the request carries no flow id or source of its own. */
    private static final String DEFAULT_PROXY_SOURCE = "tunnel-edge";

    private RequestHeads() {}

    /**
     * Builds the {@code ConnectRequest} of a proxied request (connector role). Header names are put in Go's
     * canonical form ({@code user-agent} becomes {@code User-Agent}), as cloudflared's origin sees them and as they
     * arrive on QUIC.
     *
     * @param headers the request headers
     * @param kind the request's kind: {@link RequestKind#HTTP}, {@link RequestKind#WEBSOCKET} or
     *     {@link RequestKind#TCP}
     * @return the request
     * @throws TransportException if a TCP request has no {@code :authority}
     */
    public static ConnectRequest toConnectRequest(Http2Headers headers, RequestKind kind) {
        return toConnectRequest(headers, kind, true);
    }

    /**
     * Builds the {@code ConnectRequest} of a proxied request (connector role), marking a body of unknown length as
     * chunked the way cloudflared's Go transport sends it: an HTTP request whose head did not end the stream, with
     * no {@code Content-Length} and a method other than those that usually lack a body (GET, HEAD, DELETE, OPTIONS,
     * PROPFIND, SEARCH), gets {@code Transfer-Encoding: chunked} (HTTP/2 itself has no such header).
     *
     * @param headers the request headers
     * @param kind the request's kind: {@link RequestKind#HTTP}, {@link RequestKind#WEBSOCKET} or
     *     {@link RequestKind#TCP}
     * @param endStream whether the head carried END_STREAM
     * @return the request
     * @throws TransportException if a TCP request has no {@code :authority}
     */
    public static ConnectRequest toConnectRequest(Http2Headers headers, RequestKind kind, boolean endStream) {
        String authority = text(headers.authority());
        String dest;
        ConnectionType type;
        switch (kind) {
            case TCP -> {
                if (authority.isEmpty()) {
                    throw new TransportException(
                            "cloudflared received a warp-routing request with an empty host value: set :authority"
                                    + " to the destination IP:port");
                }
                dest = authority;
                type = ConnectionType.TCP;
            }
            case WEBSOCKET -> {
                dest = text(headers.path());
                type = ConnectionType.WEBSOCKET;
            }
            case HTTP -> {
                dest = text(headers.path());
                type = ConnectionType.HTTP;
            }
            default -> throw new IllegalArgumentException("A " + kind + " request carries no ConnectRequest");
        }
        List<Metadata> metadata = new ArrayList<>();
        metadata.add(new Metadata(Metadata.HTTP_METHOD, text(headers.method())));
        metadata.add(new Metadata(Metadata.HTTP_HOST, authority));
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (name.startsWith(":") || name.equalsIgnoreCase(RequestKind.UPGRADE_HEADER)) {
                continue;
            }
            metadata.add(Metadata.header(canonicalName(name), header.getValue().toString()));
        }
        if (kind == RequestKind.HTTP
                && !endStream
                && !headers.contains("content-length")
                && !METHODS_WITHOUT_BODY.contains(text(headers.method()))) {
            metadata.add(Metadata.header("Transfer-Encoding", "chunked"));
        }
        return new ConnectRequest(dest, type, metadata);
    }

    /**
     * Builds the request headers of a proxied request (edge role): {@code :method} from {@code HttpMethod},
     * {@code :authority} from {@code HttpHost} (or the destination's host), {@code :path} from the destination,
     * {@code :scheme http}, the {@code HttpHeader:*} entries with lower-case names minus the connection-specific
     * headers HTTP/2 forbids, and the internal header that marks a WebSocket or TCP stream.
     *
     * @param request the request head
     * @return the headers
     */
    public static Http2Headers toHeaders(ConnectRequest request) {
        String method = "GET";
        String host = "";
        String proxySource = "";
        List<Map.Entry<String, String>> regular = new ArrayList<>();
        for (Metadata entry : request.metadata()) {
            String key = entry.key();
            if (key.equals(Metadata.HTTP_METHOD) && !entry.value().isEmpty()) {
                method = entry.value();
            } else if (key.equals(Metadata.HTTP_HOST)) {
                host = entry.value();
            } else if (key.equals(Metadata.FLOW_ID)) {
                proxySource = entry.value();
            } else if (key.startsWith(Metadata.HTTP_HEADER_PREFIX)) {
                String name =
                        key.substring(Metadata.HTTP_HEADER_PREFIX.length()).toLowerCase(Locale.ROOT);
                if (name.equals(RequestKind.PROXY_SRC_HEADER)) {
                    proxySource = entry.value();
                } else if (!CONNECTION_SPECIFIC.contains(name) && !name.equals(RequestKind.UPGRADE_HEADER)) {
                    regular.add(Map.entry(name, entry.value()));
                }
            }
        }
        Http2Headers headers = new DefaultHttp2Headers().method(method).scheme("http");
        if (request.type() == ConnectionType.TCP) {
            headers.authority(request.dest()).path("/");
        } else {
            URI target = URI.create(request.dest().isEmpty() ? "/" : request.dest());
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            if (target.getRawQuery() != null) {
                path = path + "?" + target.getRawQuery();
            }
            String authority = host.isEmpty() && target.getRawAuthority() != null ? target.getRawAuthority() : host;
            headers.authority(authority).path(path);
        }
        if (request.type() == ConnectionType.WEBSOCKET) {
            headers.set(RequestKind.UPGRADE_HEADER, "websocket");
        } else if (request.type() == ConnectionType.TCP) {
            headers.set(RequestKind.PROXY_SRC_HEADER, proxySource.isEmpty() ? DEFAULT_PROXY_SOURCE : proxySource);
        }
        for (Map.Entry<String, String> header : regular) {
            headers.add(header.getKey(), header.getValue());
        }
        return headers;
    }

    /**
     * Puts a header name in Go's canonical MIME form: the first letter and every letter after a hyphen upper-case,
     * the rest lower-case.
     *
     * @param name the name
     * @return the canonical name
     */
    public static String canonicalName(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    private static String text(@Nullable CharSequence value) {
        return value == null ? "" : value.toString();
    }
}
