package io.tunnelagent.core.ingress;

import org.jspecify.annotations.Nullable;

/** Go's {@code net.SplitHostPort} and cloudflared's {@code matchHost}. */
final class HostMatching {

    private HostMatching() {}

    /** The host part if the text is a valid {@code host:port} for Go's {@code net.SplitHostPort}, else {@code null}. */
    static @Nullable String splitHost(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host;
        int openEnd = 0;
        int closeStart = 0;
        if (hostPort.charAt(0) == '[') {
            int end = hostPort.indexOf(']');
            if (end < 0 || end + 1 == hostPort.length() || end + 1 != colon) {
                return null;
            }
            host = hostPort.substring(1, end);
            openEnd = 1;
            closeStart = end + 1;
        } else {
            host = hostPort.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (hostPort.indexOf('[', openEnd) >= 0 || hostPort.indexOf(']', closeStart) >= 0) {
            return null;
        }
        return host;
    }

    /** The request host with any {@code :port} removed. */
    static String stripPort(String host) {
        String stripped = splitHost(host);
        return (stripped != null) ? stripped : host;
    }

    /** Exact equality, or suffix match for a rule host starting with {@code *.} (which excludes the apex). */
    static boolean matchHost(String ruleHost, String requestHost) {
        if (ruleHost.equals(requestHost)) {
            return true;
        }
        return ruleHost.startsWith("*.") && requestHost.endsWith(ruleHost.substring(1));
    }
}
