package io.tunnelagent.core.ingress;

import com.google.re2j.Pattern;
import io.tunnelagent.core.ingress.request.AccessConfig;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.service.IngressService;
import org.jspecify.annotations.Nullable;

/**
 * One compiled ingress rule: its position, what it matches, its parsed service and its resolved origin request
 * settings. Immutable and thread-safe.
 */
public final class IngressRule {

    private final int index;

    private final String hostname;

    private final @Nullable String punycodeHostname;

    private final @Nullable Pattern path;

    private final IngressService service;

    private final OriginRequestConfig config;

    private final @Nullable AccessConfig access;

    IngressRule(
            int index,
            String hostname,
            @Nullable String punycodeHostname,
            @Nullable Pattern path,
            IngressService service,
            OriginRequestConfig config,
            @Nullable AccessConfig access) {
        this.index = index;
        this.hostname = hostname;
        this.punycodeHostname = punycodeHostname;
        this.path = path;
        this.service = service;
        this.config = config;
        this.access = access;
    }

    /** The 0-based position of the rule, as printed by {@code ingress rule} and used as a metrics tag. */
    public int index() {
        return this.index;
    }

    /** The hostname pattern as written; empty when the rule matches every hostname. */
    public String hostname() {
        return this.hostname;
    }

    /** The IDNA (punycode) form of the hostname when it differs from {@link #hostname()}, else {@code null}. */
    public @Nullable String punycodeHostname() {
        return this.punycodeHostname;
    }

    /** The path regular expression as written, or {@code null} when the rule matches every path. */
    public @Nullable String path() {
        return (this.path != null) ? this.path.pattern() : null;
    }

    /** Where matching requests go. */
    public IngressService service() {
        return this.service;
    }

    /** The resolved settings for requests to this rule's origin. */
    public OriginRequestConfig config() {
        return this.config;
    }

    /**
     * The Access check to enforce on requests matching this rule, or {@code null}. As in cloudflared, only an
     * {@code access} block set on the rule itself with {@code required: true} is enforced (a global one is not).
     */
    public @Nullable AccessConfig access() {
        return this.access;
    }

    /** Whether the rule matches a request host (port already removed) and decoded path. */
    public boolean matches(String host, String requestPath) {
        boolean hostMatch = this.hostname.isEmpty()
                || this.hostname.equals("*")
                || HostMatching.matchHost(this.hostname, host)
                || (this.punycodeHostname != null && HostMatching.matchHost(this.punycodeHostname, host));
        return hostMatch && (this.path == null || this.path.matcher(requestPath).find());
    }

    /** The tab-indented lines {@code ingress rule} prints: hostname and path when set, then the service. */
    public String toMultiLineString() {
        StringBuilder out = new StringBuilder();
        if (!this.hostname.isEmpty()) {
            out.append("\thostname: ").append(this.hostname).append('\n');
        }
        if (this.path != null) {
            out.append("\tpath: ").append(this.path.pattern()).append('\n');
        }
        return out.append("\tservice: ").append(this.service.serviceString()).toString();
    }

    @Override
    public String toString() {
        return "IngressRule[#" + this.index + ", hostname=" + this.hostname + ", path=" + path() + ", service="
                + this.service.serviceString() + "]";
    }
}
