package io.tunnelagent.transport.http2.headers;

import io.tunnelagent.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Cf-Cloudflared-Response-Headers} format (protocol doc 5.4): for each header
 * {@code base64(name) ":" base64(value)}, pairs joined by {@code ;}, standard base64 alphabet without padding.
 */
public final class SerializedHeaders {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private SerializedHeaders() {}

    /**
     * Serializes headers in order.
     *
     * @param headers the name/value pairs, one per value
     * @return the header value; empty for no headers
     */
    public static String serialize(List<Map.Entry<String, String>> headers) {
        return headers.stream()
                .map(header -> encode(header.getKey()) + ":" + encode(header.getValue()))
                .collect(Collectors.joining(";"));
    }

    /**
     * Parses a serialized header value. Empty parts are skipped, like cloudflared does.
     *
     * @param serialized the header value
     * @return the name/value pairs in order
     * @throws TransportException if a part is not two base64 strings joined by a colon
     */
    public static List<Map.Entry<String, String>> deserialize(String serialized) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String part : serialized.split(";", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            String[] nameAndValue = part.split(":", -1);
            if (nameAndValue.length != 2) {
                throw malformed(part, null);
            }
            try {
                headers.add(Map.entry(decode(nameAndValue[0]), decode(nameAndValue[1])));
            } catch (IllegalArgumentException ex) {
                throw malformed(part, ex);
            }
        }
        return headers;
    }

    private static String encode(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(DECODER.decode(base64), StandardCharsets.UTF_8);
    }

    private static TransportException malformed(String part, @Nullable IllegalArgumentException cause) {
        String message = "Unable to deserialize headers: part '" + part
                + "' of Cf-Cloudflared-Response-Headers is not base64(name):base64(value)";
        return cause == null ? new TransportException(message) : new TransportException(message, cause);
    }
}
