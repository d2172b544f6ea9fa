package io.tunnelagent.core.origin.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code Sec-WebSocket-Accept} value of RFC 6455 section 4.2.2: base64(SHA-1(key + GUID)). */
final class WebSocketAccept {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketAccept() {}

    static String of(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("The JDK has no SHA-1, which every Java platform must provide", ex);
        }
    }
}
