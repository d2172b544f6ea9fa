package io.tunnelagent.autoconfigure.ingress;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * The ingress rules as configured under {@code cloudflare.tunnel.ingress} and {@code cloudflare.tunnel.origin-request}.
 * Configured rules are validated when this is created; with none, the single rule is this application's own server,
 * {@code http://localhost:${local.server.port}}, known once the web server has started.
 */
public final class TunnelIngress {

    /** The property the web server publishes its port under. */
    public static final String SERVER_PORT_PROPERTY = "local.server.port";

    private final List<IngressRuleDefinition> rules;

    private final OriginRequestDefinition originRequest;

    private TunnelIngress(List<IngressRuleDefinition> rules, OriginRequestDefinition originRequest) {
        this.rules = List.copyOf(rules);
        this.originRequest = originRequest;
    }

    /**
     * Reads and validates the configured rules.
     *
     * @param properties the bound properties
     * @return the ingress
     * @throws IngressValidationException with cloudflared's text when a configured rule is invalid
     */
    public static TunnelIngress of(TunnelProperties properties) {
        TunnelIngress ingress = new TunnelIngress(properties.getIngress(), properties.getOriginRequest());
        if (!ingress.targetsApplication()) {
            IngressRules.compile(ingress.rules, ingress.originRequest);
        }
        return ingress;
    }

    /**
     * Whether no rule is configured, so that requests go to this application's web server.
     *
     * @return true when the ingress list is empty
     */
    public boolean targetsApplication() {
        return this.rules.isEmpty();
    }

    /**
     * The global {@code origin-request} options.
     *
     * @return the options
     */
    public OriginRequestDefinition originRequest() {
        return this.originRequest;
    }

    /**
     * The rules to run with: the configured ones, or the rule for this application's server port.
     *
     * @param environment where {@code local.server.port} is read from
     * @return the rule definitions in order
     * @throws TunnelConfigurationException when no rule is configured and the application has no web server
     */
    public List<IngressRuleDefinition> definitions(Environment environment) {
        if (!targetsApplication()) {
            return this.rules;
        }
        Integer port = environment.getProperty(SERVER_PORT_PROPERTY, Integer.class);
        if (port == null || port <= 0) {
            throw new TunnelConfigurationException(
                    "No ingress rule is configured and this application runs no web server, so the tunnel has"
                            + " nothing to send requests to",
                    "Configure cloudflare.tunnel.ingress (for example cloudflare.tunnel.ingress[0].service="
                            + "http://localhost:8080), or run a web server in this application.");
        }
        return List.of(IngressRuleDefinition.of(null, "http://localhost:" + port));
    }

    /**
     * Compiles the rules to run with.
     *
     * @param environment where {@code local.server.port} is read from
     * @return the compiled table
     */
    public IngressRules compile(Environment environment) {
        return IngressRules.compile(definitions(environment), this.originRequest);
    }

    /**
     * The compiled table of the configured rules, or null when the rules target the application's server (not
     * known before it starts).
     *
     * @return the table or null
     */
    public @Nullable IngressRules configuredRules() {
        return targetsApplication() ? null : IngressRules.compile(this.rules, this.originRequest);
    }
}
