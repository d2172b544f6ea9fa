package io.tunnelagent.core.ingress.definition;

import org.jspecify.annotations.Nullable;

/**
 * One ingress rule as written by a user: which requests it matches and which service they go to. Mutable so that
 * Spring, YAML and JSON binding can fill it; compile a list of them with
 * {@link io.tunnelagent.core.ingress.IngressRules#compile}.
 */
public final class IngressRuleDefinition {

    /** Hostname to match: exact, {@code *.example.com} for subdomains, or empty/{@code *} for every hostname. */
    private @Nullable String hostname;

    /** RE2 regular expression searched (unanchored) in the request path; empty matches every path. */
    private @Nullable String path;

    /** Where matching requests go, e.g. {@code http://localhost:8080}, {@code ssh://host}, {@code http_status:404}. */
    private @Nullable String service;

    /** Options for requests to this rule's origin; each option set here overrides the global one. */
    private OriginRequestDefinition originRequest = new OriginRequestDefinition();

    public IngressRuleDefinition() {}

    /** Creates a rule with the given hostname (may be {@code null}) and service. */
    public static IngressRuleDefinition of(@Nullable String hostname, String service) {
        IngressRuleDefinition rule = new IngressRuleDefinition();
        rule.setHostname(hostname);
        rule.setService(service);
        return rule;
    }

    public @Nullable String getHostname() {
        return this.hostname;
    }

    public void setHostname(@Nullable String hostname) {
        this.hostname = hostname;
    }

    public @Nullable String getPath() {
        return this.path;
    }

    public void setPath(@Nullable String path) {
        this.path = path;
    }

    public @Nullable String getService() {
        return this.service;
    }

    public void setService(@Nullable String service) {
        this.service = service;
    }

    public OriginRequestDefinition getOriginRequest() {
        return this.originRequest;
    }

    public void setOriginRequest(@Nullable OriginRequestDefinition originRequest) {
        this.originRequest = (originRequest != null) ? originRequest : new OriginRequestDefinition();
    }

    @Override
    public String toString() {
        return "IngressRuleDefinition[hostname=" + this.hostname + ", path=" + this.path + ", service=" + this.service
                + "]";
    }
}
