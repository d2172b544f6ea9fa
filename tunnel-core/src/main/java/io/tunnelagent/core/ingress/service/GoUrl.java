package io.tunnelagent.core.ingress.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A URL parsed with the rules of Go's {@code net/url.Parse}, which decide what cloudflared accepts as a service or a
 * test URL: the scheme is lower-cased, a URL without {@code //} after the scheme is opaque (so
 * {@code localhost:8080} has scheme {@code localhost} and no host), and errors carry Go's texts.
 *
 * @param scheme the lower-cased scheme, or empty
 * @param opaque the opaque part when the scheme is not followed by a slash, or empty
 * @param authority the authority as written ({@code [userinfo@]host[:port]}), or empty
 * @param host the host and port, unescaped
 * @param path the decoded path
 * @param rawQuery the query without {@code ?}
 * @param fragment the fragment without {@code #}
 */
public record GoUrl(
        String scheme, String opaque, String authority, String host, String path, String rawQuery, String fragment) {

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException with Go's message, e.g. {@code parse "http://[::1": missing ']' in host}
     */
    public static GoUrl parse(String raw) {
        int hash = raw.indexOf('#');
        String beforeFragment = (hash >= 0) ? raw.substring(0, hash) : raw;
        GoUrl url;
        try {
            url = doParse(beforeFragment);
        } catch (IllegalStateException ex) {
            throw new IllegalArgumentException("parse " + quote(beforeFragment) + ": " + ex.getMessage(), ex);
        }
        if (hash < 0) {
            return url;
        }
        try {
            String fragment = unescape(raw.substring(hash + 1), false);
            return new GoUrl(url.scheme, url.opaque, url.authority, url.host, url.path, url.rawQuery, fragment);
        } catch (IllegalStateException ex) {
            throw new IllegalArgumentException("parse " + quote(raw) + ": " + ex.getMessage(), ex);
        }
    }

    /** The host without port and brackets, like Go's {@code URL.Hostname()}. */
    public String hostname() {
        String hostname = this.host;
        int colon = hostname.lastIndexOf(':');
        if (colon >= 0 && validOptionalPort(hostname.substring(colon))) {
            hostname = hostname.substring(0, colon);
        }
        if (hostname.startsWith("[") && hostname.endsWith("]")) {
            hostname = hostname.substring(1, hostname.length() - 1);
        }
        return hostname;
    }

    /** The port, or empty, like Go's {@code URL.Port()}. */
    public String port() {
        int colon = this.host.lastIndexOf(':');
        if (colon >= 0 && validOptionalPort(this.host.substring(colon))) {
            return this.host.substring(colon + 1);
        }
        return "";
    }

    private static GoUrl doParse(String raw) {
        String fragment = "";
        String rest = raw;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalStateException("net/url: invalid control character in URL");
            }
        }
        String scheme = "";
        int schemeEnd = schemeEnd(rest);
        if (schemeEnd >= 0) {
            scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            rest = rest.substring(schemeEnd + 1);
        }
        String rawQuery = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            rawQuery = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, rest, "", "", "", rawQuery, fragment);
            }
            int slash = rest.indexOf('/');
            String segment = (slash >= 0) ? rest.substring(0, slash) : rest;
            if (segment.contains(":")) {
                throw new IllegalStateException("first path segment in URL cannot contain colon");
            }
        }
        String authority = "";
        String host = "";
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            authority = rest.substring(2);
            rest = "";
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            }
            host = parseAuthority(authority);
        }
        return new GoUrl(scheme, "", authority, host, unescape(rest, false), rawQuery, fragment);
    }

    /** Index of the scheme's colon, or -1 when the URL has no scheme. */
    private static int schemeEnd(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new IllegalStateException("missing protocol scheme");
                }
                return i;
            }
            return -1;
        }
        return -1;
    }

    private static String parseAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        String hostPart = (at >= 0) ? authority.substring(at + 1) : authority;
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            for (int i = 0; i < userinfo.length(); i++) {
                char c = userinfo.charAt(i);
                if (!Character.isLetterOrDigit(c) && "-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
                    throw new IllegalStateException("net/url: invalid userinfo");
                }
            }
        }
        return parseHost(hostPart);
    }

    private static String parseHost(String host) {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new IllegalStateException("missing ']' in host");
            }
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) {
                throw new IllegalStateException("invalid port " + quote(colonPort) + " after host");
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !validOptionalPort(host.substring(colon))) {
                throw new IllegalStateException("invalid port " + quote(host.substring(colon)) + " after host");
            }
        }
        return unescape(host, true);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        return port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String unescape(String text, boolean hostMode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()
                        || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    String bad = text.substring(i, Math.min(text.length(), i + 3));
                    throw new IllegalStateException("invalid URL escape " + quote(bad));
                }
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            if (hostMode && c < 0x80 && !validHostChar(c)) {
                throw new IllegalStateException("invalid character " + quote(String.valueOf(c)) + " in host name");
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            }
            out.writeBytes(bytes);
            i++;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean validHostChar(char c) {
        return Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:[]<>\"".indexOf(c) >= 0;
    }

    /** Quotes like Go's {@code %q} for the printable ASCII texts that occur here. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
