package io.tunnelagent.edge.visitor;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a visitor's HTTP request head to the {@link ConnectRequest} sent to the connector (protocol doc 3.4): the
 * path and query as {@code dest}, {@code websocket} for upgrades, the method, the host, every header value, and the
 * headers Cloudflare adds ({@code Cf-Ray}, {@code Cf-Connecting-Ip}, {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto}). Visitor-supplied copies of the Cloudflare headers are replaced.
 */
final class RequestMapper {

    private static final Set<String> REPLACED =
            Set.of("cf-ray", "cf-connecting-ip", "x-forwarded-proto", "x-forwarded-for");

    private RequestMapper() {}

    static boolean isWebSocket(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    static ConnectRequest map(HttpRequest request, InetSocketAddress visitor, boolean tls, String ray) {
        List<Metadata> metadata = new ArrayList<>();
        metadata.add(new Metadata(Metadata.HTTP_METHOD, request.method().name()));
        metadata.add(new Metadata(Metadata.HTTP_HOST, request.headers().get(HttpHeaderNames.HOST, "")));
        String forwardedFor = null;
        for (Map.Entry<String, String> header : request.headers()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("x-forwarded-for")) {
                forwardedFor = (forwardedFor == null) ? header.getValue() : forwardedFor + ", " + header.getValue();
            }
            if (REPLACED.contains(lower) || header.getKey().indexOf(':') >= 0) {
                continue;
            }
            metadata.add(Metadata.header(header.getKey(), header.getValue()));
        }
        String ip = visitor.getAddress().getHostAddress();
        metadata.add(Metadata.header("Cf-Ray", ray));
        metadata.add(Metadata.header("Cf-Connecting-Ip", ip));
        metadata.add(Metadata.header("X-Forwarded-For", (forwardedFor == null) ? ip : forwardedFor + ", " + ip));
        metadata.add(Metadata.header("X-Forwarded-Proto", tls ? "https" : "http"));
        ConnectionType type = isWebSocket(request) ? ConnectionType.WEBSOCKET : ConnectionType.HTTP;
        return new ConnectRequest(request.uri(), type, metadata);
    }
}
