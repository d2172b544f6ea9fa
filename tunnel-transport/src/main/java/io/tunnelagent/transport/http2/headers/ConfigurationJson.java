package io.tunnelagent.transport.http2.headers;

import io.tunnelagent.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies of a configuration update over HTTP/2 (protocol doc 5.7): the request
 * {@code {"version":N,"config":{…}}} and the answer {@code {"lastAppliedVersion":N,"err":null}}. Only the top level
 * is parsed; the {@code config} member is kept as its raw JSON text.
 *
 * <p>cloudflared encodes a refusal as {@code "err":{}} (a Go error has no exported fields); this transport writes
 * {@code "err":{"message":"…"}} so that the text reaches the edge, and reads a string, an object with a
 * {@code message}, or any other non-null value as a refusal.
 */
public final class ConfigurationJson {

    private static final int MAX_DEPTH = 64;

    private ConfigurationJson() {}

    /**
     * A configuration update request.
     *
     * @param version the configuration version
     * @param config the raw JSON of the {@code config} member
     */
    public record Update(int version, byte[] config) {}

    /**
     * The connector's answer to a configuration update.
     *
     * @param lastAppliedVersion the version in force after the update
     * @param error why the update was refused, or null if it was applied
     */
    public record Answer(int lastAppliedVersion, @Nullable String error) {}

    /**
     * Encodes a request body.
     *
     * @param version the version
     * @param config the configuration as a JSON object
     * @return the UTF-8 body
     */
    public static byte[] encodeUpdate(int version, byte[] config) {
        String json = "{\"version\":" + version + ",\"config\":" + new String(config, StandardCharsets.UTF_8) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a request body.
     *
     * @param body the UTF-8 body
     * @return the update
     * @throws TransportException if the body is not a JSON object with an integer {@code version} and a
     *     {@code config}
     */
    public static Update decodeUpdate(byte[] body) {
        Map<String, String> members = members(body);
        String version = members.get("version");
        String config = members.get("config");
        if (version == null || config == null) {
            throw new TransportException(
                    "Configuration update body must be {\"version\":<int>,\"config\":{...}}, got members "
                            + members.keySet());
        }
        return new Update(parseInt(version, "version"), config.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Encodes an answer body.
     *
     * @param lastAppliedVersion the version in force
     * @param error the refusal, or null
     * @return the UTF-8 body
     */
    public static byte[] encodeAnswer(int lastAppliedVersion, @Nullable String error) {
        String err = error == null ? "null" : "{\"message\":" + quote(error) + "}";
        return ("{\"lastAppliedVersion\":" + lastAppliedVersion + ",\"err\":" + err + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes an answer body.
     *
     * @param body the UTF-8 body
     * @return the answer
     * @throws TransportException if the body has no integer {@code lastAppliedVersion}
     */
    public static Answer decodeAnswer(byte[] body) {
        Map<String, String> members = members(body);
        String version = members.get("lastAppliedVersion");
        if (version == null) {
            throw new TransportException(
                    "Configuration answer must have an integer lastAppliedVersion, got members " + members.keySet());
        }
        String err = members.getOrDefault("err", "null");
        return new Answer(parseInt(version, "lastAppliedVersion"), errorText(err));
    }

    private static @Nullable String errorText(String err) {
        if (err.equals("null")) {
            return null;
        }
        if (err.startsWith("\"")) {
            return new Scanner(err).string();
        }
        if (err.startsWith("{")) {
            String message = new Scanner(err).object().get("message");
            if (message != null && message.startsWith("\"")) {
                return new Scanner(message).string();
            }
        }
        return "the connector refused the configuration";
    }

    private static Map<String, String> members(byte[] body) {
        Scanner scanner = new Scanner(new String(body, StandardCharsets.UTF_8));
        Map<String, String> members = scanner.object();
        scanner.end();
        return members;
    }

    private static int parseInt(String text, String key) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException ex) {
            throw new TransportException("Configuration JSON member '" + key + "' must be an int32, got " + text, ex);
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** A JSON scanner that reads the top-level members of an object as raw value texts. */
    private static final class Scanner {

        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        Map<String, String> object() {
            Map<String, String> members = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                pos++;
                return members;
            }
            while (true) {
                skipSpace();
                String key = string();
                expect(':');
                skipSpace();
                int start = pos;
                skipValue(0);
                members.put(key, text.substring(start, pos));
                char next = next();
                if (next == '}') {
                    return members;
                }
                if (next != ',') {
                    throw invalid("',' or '}'");
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw invalid("four hex digits");
                        }
                        value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> value.append(escaped);
                }
            }
            throw invalid("a closing quote");
        }

        void end() {
            skipSpace();
            if (pos != text.length()) {
                throw invalid("the end of the document");
            }
        }

        private void skipValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw new TransportException("Configuration JSON is nested deeper than " + MAX_DEPTH + " levels");
            }
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                pos++;
                if (peek() == close) {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    if (c == '{') {
                        string();
                        expect(':');
                        skipSpace();
                    }
                    skipValue(depth + 1);
                    char next = next();
                    if (next == close) {
                        return;
                    }
                    if (next != ',') {
                        throw invalid("',' or '" + close + "'");
                    }
                }
            } else {
                int start = pos;
                while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                if (pos == start) {
                    throw invalid("a value");
                }
            }
        }

        private void expect(char expected) {
            if (next() != expected) {
                throw invalid("'" + expected + "'");
            }
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private char peek() {
            skipSpace();
            if (pos >= text.length()) {
                throw invalid("more input");
            }
            return text.charAt(pos);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private TransportException invalid(String expected) {
            return new TransportException(
                    "Configuration JSON is malformed: expected " + expected + " at offset " + pos);
        }
    }
}
