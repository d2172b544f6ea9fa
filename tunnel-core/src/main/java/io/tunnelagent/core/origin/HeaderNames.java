package io.tunnelagent.core.origin;

/**
 * Header names in Go's canonical MIME form ({@code textproto.CanonicalMIMEHeaderKey}): the first letter and every
 * letter after a hyphen upper-case, the rest lower-case; names with characters outside the token set stay as they
 * are. cloudflared stores headers this way, so the origin and the edge see {@code Sec-Websocket-Key}.
 */
public final class HeaderNames {

    private HeaderNames() {}

    /**
     * Canonicalizes a header name.
     *
     * @param name the name as received
     * @return the canonical form
     */
    public static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return name;
            }
        }
        StringBuilder result = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (upper && c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            } else if (!upper && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            result.append(c);
            upper = c == '-';
        }
        return result.toString();
    }

    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
