package io.tunnelagent.edge.tunnel;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A hostname route: visitors asking for {@code hostname} reach the tunnel {@code tunnelId}. A leading {@code *.}
 * makes it a wildcard that matches every subdomain (at any depth) but not the bare domain.
 *
 * @param hostname the hostname or wildcard, lower case, without port
 * @param tunnelId the tunnel
 */
public record Route(String hostname, UUID tunnelId) {

    /**
     * Normalises and validates the hostname.
     *
     * @param hostname the hostname or wildcard
     * @param tunnelId the tunnel
     */
    public Route {
        Objects.requireNonNull(tunnelId, "tunnelId");
        hostname = normalize(hostname);
    }

    /**
     * Whether the route is a wildcard.
     *
     * @return true for {@code *.example.com}
     */
    public boolean isWildcard() {
        return hostname.startsWith("*.");
    }

    /**
     * Whether a visitor's host matches.
     *
     * @param host the host, lower case, without port
     * @return true if it matches
     */
    public boolean matches(String host) {
        if (isWildcard()) {
            return host.endsWith(hostname.substring(1));
        }
        return host.equals(hostname);
    }

    static String normalize(String hostname) {
        Objects.requireNonNull(hostname, "hostname");
        String value = hostname.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        String bare = value.startsWith("*.") ? value.substring(2) : value;
        if (bare.isEmpty() || !bare.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new TunnelStoreException("The hostname '" + hostname
                    + "' is not valid: use a DNS name such as app.example.com or a wildcard such as *.example.com");
        }
        return value;
    }
}
