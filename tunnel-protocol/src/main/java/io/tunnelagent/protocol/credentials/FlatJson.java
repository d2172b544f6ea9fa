package io.tunnelagent.protocol.credentials;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON reader for flat objects: parses any RFC 8259 value (depth-limited) but keeps only the
 * top-level members, keyed by lower-cased name (Go's {@code encoding/json} matches keys case-insensitively; the
 * last duplicate wins). String members are kept as {@link String}, other values as {@link NonString}. Error
 * messages give offsets, never content.
 */
final class FlatJson {

    private static final int MAX_DEPTH = 32;
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private final String text;
    private final String what;
    private int pos;

    private FlatJson(String text, String what) {
        this.text = text;
        this.what = what;
    }

    /** A member whose value is not a string; {@code type} is "number", "object", "array", "boolean" or "null". */
    record NonString(String type) {}

    static Map<String, Object> parseObject(String text, String what) {
        FlatJson parser = new FlatJson(text, what);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw parser.error("expected a JSON object");
        }
        Map<String, Object> members = parser.object(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the JSON object");
        }
        return members;
    }

    /** Returns the string member, null if absent or JSON null; throws if it is another type. */
    static @Nullable String string(Map<String, Object> members, String key, String field) {
        Object value = members.get(key.toLowerCase(Locale.ROOT));
        if (value == null || value instanceof NonString n && n.type().equals("null")) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new CredentialsException(field + " must be a JSON string, not a " + ((NonString) value).type());
    }

    /** Parses a UUID the way Go's uuid.Parse does: canonical, 32 hex digits, braces or a urn:uuid: prefix. */
    static UUID uuid(String value, String field) {
        String s = value.strip();
        if (s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        String hex = s.length() == 36
                        && s.charAt(8) == '-'
                        && s.charAt(13) == '-'
                        && s.charAt(18) == '-'
                        && s.charAt(23) == '-'
                ? s.replace("-", "")
                : s;
        if (!UUID_HEX.matcher(hex).matches()) {
            throw new CredentialsException(
                    field + " is not a UUID: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hexadecimal digits)");
        }
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth + 1);
            members.put(key.toLowerCase(Locale.ROOT), value);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private Object value(int depth) {
        char c = peek();
        switch (c) {
            case '"':
                return string();
            case '{':
                object(depth);
                return new NonString("object");
            case '[':
                array(depth);
                return new NonString("array");
            case 't':
                literal("true");
                return new NonString("boolean");
            case 'f':
                literal("false");
                return new NonString("boolean");
            case 'n':
                literal("null");
                return new NonString("null");
            default:
                number();
                return new NonString("number");
        }
    }

    private void array(int depth) {
        checkDepth(depth);
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            value(depth + 1);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("invalid escape sequence in a string");
            }
        }
    }

    private char unicodeEscape() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw error("invalid \\u escape in a string");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (!digits()) {
            throw error("expected a JSON value");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected digits after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected digits in the exponent");
            }
        }
        if (pos == start) {
            throw error("expected a JSON value");
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a JSON value");
        }
        pos += word.length();
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos++);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private CredentialsException error(String problem) {
        return new CredentialsException(what + " is not valid JSON: " + problem + " at offset " + pos);
    }
}
