package io.tunnelagent.transport.http2.headers;

import io.netty.handler.codec.http2.Http2Headers;

/**
 * What a request from the edge carries, decided from its internal headers in cloudflared's order (protocol doc
 * 5.2).
 */
public enum RequestKind {
    /** {@code Cf-Cloudflared-Proxy-Connection-Upgrade: update-configuration}. */
    CONFIGURATION_UPDATE,
    /** {@code Cf-Cloudflared-Proxy-Connection-Upgrade: websocket}. */
    WEBSOCKET,
    /** A non-empty {@code Cf-Cloudflared-Proxy-Src}: a TCP stream to {@code :authority}. */
    TCP,
    /** {@code Cf-Cloudflared-Proxy-Connection-Upgrade: control-stream}. */
    CONTROL_STREAM,
    /** Anything else: a plain HTTP request. */
    HTTP;

    /** The internal upgrade header, lower-case as HTTP/2 carries it. */
    public static final String UPGRADE_HEADER = "cf-cloudflared-proxy-connection-upgrade";

    /** The internal header that marks a TCP stream. */
    public static final String PROXY_SRC_HEADER = "cf-cloudflared-proxy-src";

    /**
     * Classifies a request.
     *
     * @param headers the request headers
     * @return the kind
     */
    public static RequestKind classify(Http2Headers headers) {
        CharSequence upgrade = headers.get(UPGRADE_HEADER);
        if (upgrade != null && "update-configuration".contentEquals(upgrade)) {
            return CONFIGURATION_UPDATE;
        }
        if (upgrade != null && "websocket".contentEquals(upgrade)) {
            return WEBSOCKET;
        }
        CharSequence source = headers.get(PROXY_SRC_HEADER);
        if (source != null && source.length() > 0) {
            return TCP;
        }
        if (upgrade != null && "control-stream".contentEquals(upgrade)) {
            return CONTROL_STREAM;
        }
        return HTTP;
    }
}
