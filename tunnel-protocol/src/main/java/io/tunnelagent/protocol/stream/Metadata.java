package io.tunnelagent.protocol.stream;

import java.util.Objects;

/**
 * One key/value entry of a {@code ConnectRequest} or {@code ConnectResponse}, struct {@code Metadata}
 * ({@code 0xe1446b97bfd1cd37}). Keys such as {@code HttpMethod}, {@code HttpHost}, {@code HttpStatus} and
 * {@code HttpHeader:<Name>} (one entry per header value) are described in the protocol doc, section 3.4.
 *
 * @param key the key, never null
 * @param value the value, never null
 */
public record Metadata(String key, String value) {

    /** Key of the HTTP method entry sent by the edge. */
    public static final String HTTP_METHOD = "HttpMethod";

    /** Key of the HTTP host entry sent by the edge. */
    public static final String HTTP_HOST = "HttpHost";

    /** Key of the HTTP status entry sent by the connector. */
    public static final String HTTP_STATUS = "HttpStatus";

    /** Prefix of header entries; the header name follows the colon. */
    public static final String HTTP_HEADER_PREFIX = "HttpHeader:";

    /** Key of the WARP flow identifier. */
    public static final String FLOW_ID = "FlowID";

    /** Key the connector sets to {@code true} when its flow limiter refused the request. */
    public static final String FLOW_CONNECT_RATE_LIMITED = "FlowConnectRateLimited";

    /**
     * Creates an entry.
     *
     * @param key the key
     * @param value the value
     */
    public Metadata {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a header entry {@code HttpHeader:<name>=<value>}.
     *
     * @param name the header name
     * @param value one header value
     * @return the entry
     */
    public static Metadata header(String name, String value) {
        return new Metadata(HTTP_HEADER_PREFIX + name, value);
    }
}
