package io.tunnelagent.core.origin.http;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Forward proxies from the environment, like Go's {@code http.ProxyFromEnvironment}: {@code HTTP_PROXY} for
 * {@code http} origins, {@code HTTPS_PROXY} for {@code https} origins (upper-case names first, then lower-case),
 * {@code NO_PROXY} exclusions ({@code *}, host names matching themselves and their subdomains, {@code .domain} for
 * subdomains only, IP addresses, CIDR ranges, optional {@code :port}), and never for {@code localhost} or loopback
 * addresses. Only {@code http://} proxies are supported; a proxy URL without a scheme means {@code http://}.
 */
public final class ProxyEnvironment {

    /** No proxy at all. */
    public static final ProxyEnvironment NONE = new ProxyEnvironment(null, null, "");

    private final @Nullable Proxy http;
    private final @Nullable Proxy https;
    private final List<String> noProxy;

    private ProxyEnvironment(@Nullable Proxy http, @Nullable Proxy https, String noProxy) {
        this.http = http;
        this.https = https;
        List<String> entries = new ArrayList<>();
        for (String entry : noProxy.split(",")) {
            String trimmed = entry.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        this.noProxy = List.copyOf(entries);
    }

    /**
     * Reads the proxy variables.
     *
     * @param environment the environment, e.g. {@link System#getenv()}
     * @return the settings
     * @throws IllegalArgumentException when a proxy URL is not an {@code http://} URL with a host
     */
    public static ProxyEnvironment from(Map<String, String> environment) {
        return new ProxyEnvironment(
                Proxy.parse(any(environment, "HTTP_PROXY", "http_proxy")),
                Proxy.parse(any(environment, "HTTPS_PROXY", "https_proxy")),
                any(environment, "NO_PROXY", "no_proxy"));
    }

    /**
     * The proxy for an origin, or {@code null} to dial it directly.
     *
     * @param tls whether the origin is {@code https}
     * @param host the origin host (name or IP literal)
     * @param port the origin port
     * @return the proxy
     */
    @Nullable
    Proxy proxyFor(boolean tls, String host, int port) {
        Proxy proxy = tls ? this.https : this.http;
        if (proxy == null || isLoopback(host)) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : this.noProxy) {
            if (excludes(entry, name, port)) {
                return null;
            }
        }
        return proxy;
    }

    private static boolean excludes(String entry, String host, int port) {
        if (entry.equals("*")) {
            return true;
        }
        String pattern = entry;
        int colon = pattern.lastIndexOf(':');
        if (colon > 0 && pattern.indexOf(':') == colon && !pattern.contains("/")) {
            if (!pattern.substring(colon + 1).equals(Integer.toString(port))) {
                return false;
            }
            pattern = pattern.substring(0, colon);
        }
        if (pattern.contains("/")) {
            return inCidr(pattern, host);
        }
        if (pattern.startsWith("*.")) {
            pattern = pattern.substring(1);
        }
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern);
        }
        return host.equals(pattern) || host.endsWith("." + pattern);
    }

    private static boolean inCidr(String cidr, String host) {
        try {
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (!host.matches("[0-9a-f:.]+")) {
                return false;
            }
            byte[] address = InetAddress.getByName(host).getAddress();
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (Exception ex) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9a-fA-F:.]+") || !(host.contains(":") || host.matches("[0-9.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception ex) {
            return false;
        }
    }

    private static String any(Map<String, String> environment, String upper, String lower) {
        String value = environment.get(upper);
        if (value == null || value.isEmpty()) {
            value = environment.get(lower);
        }
        return value == null ? "" : value;
    }

    /**
     * One forward proxy. {@link #toString()} leaves out the credentials.
     *
     * @param host the proxy host
     * @param port the proxy port
     * @param authorization the {@code Proxy-Authorization} value, or {@code null}
     */
    record Proxy(String host, int port, @Nullable String authorization) {

        static @Nullable Proxy parse(String value) {
            if (value.isEmpty()) {
                return null;
            }
            URI uri = URI.create(value.contains("://") ? value : "http://" + value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("Unsupported proxy URL scheme or missing host in the *_PROXY"
                        + " environment variable (" + uri.getScheme() + "://" + uri.getHost()
                        + "); use http://host:port");
            }
            String authorization = uri.getRawUserInfo() == null
                    ? null
                    : "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                                                    .getBytes(StandardCharsets.UTF_8));
            return new Proxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), authorization);
        }

        @Override
        public String toString() {
            return "Proxy[" + this.host + ":" + this.port + (this.authorization != null ? ", with credentials]" : "]");
        }
    }
}
