package io.tunnelagent.autoconfigure.ingress;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * The ingress rules as configured under {@code cloudflare.tunnel.ingress} and {@code cloudflare.tunnel.origin-request}.
 * Configured rules are validated when this is created; with none, the single rule is this application's own server,
 * {@code http://localhost:${local.server.port}}, known once the web server has started. A configured service may
 * name that port too ({@code service: http://localhost:${local.server.port}}): it is filled in when the connector
 * starts, after the web server (Spring binds the properties earlier, while the port is not known yet).
 */
public final class TunnelIngress {

    /** The property the web server publishes its port under. */
    public static final String SERVER_PORT_PROPERTY = "local.server.port";

    private static final String SERVER_PORT_PLACEHOLDER = "${" + SERVER_PORT_PROPERTY + "}";

    /** Stands in for the server's port while the rules are validated before the web server has started. */
    private static final String VALIDATION_PORT = "1";

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
        if (!ingress.rules.isEmpty()) {
            IngressRules.compile(ingress.withServerPort(VALIDATION_PORT), ingress.originRequest);
        }
        return ingress;
    }

    /**
     * Whether the rules depend on this application's web server port: no rule is configured (requests go to this
     * application's server), or a service names {@code ${local.server.port}}.
     *
     * @return true when the rules are known only once the web server has started
     */
    public boolean targetsApplication() {
        return this.rules.isEmpty() || this.rules.stream().anyMatch(TunnelIngress::namesServerPort);
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
     * The rules to run with: the configured ones (with {@code ${local.server.port}} filled in), or the rule for this
     * application's server port.
     *
     * @param environment where {@code local.server.port} is read from
     * @return the rule definitions in order
     * @throws TunnelConfigurationException when the rules need the server port and the application has no web server
     */
    public List<IngressRuleDefinition> definitions(Environment environment) {
        if (!targetsApplication()) {
            return this.rules;
        }
        if (!this.rules.isEmpty()) {
            return withServerPort(String.valueOf(serverPort(
                    environment, "cloudflare.tunnel.ingress names " + SERVER_PORT_PLACEHOLDER + " and this")));
        }
        int port = serverPort(environment, "No ingress rule is configured and this");
        return List.of(IngressRuleDefinition.of(null, "http://localhost:" + port));
    }

    private static int serverPort(Environment environment, String problem) {
        Integer port = environment.getProperty(SERVER_PORT_PROPERTY, Integer.class);
        if (port == null || port <= 0) {
            throw new TunnelConfigurationException(
                    problem + " application runs no web server, so the tunnel has nothing to send requests to",
                    "Configure cloudflare.tunnel.ingress (for example cloudflare.tunnel.ingress[0].service="
                            + "http://localhost:8080), or run a web server in this application.");
        }
        return port;
    }

    private List<IngressRuleDefinition> withServerPort(String port) {
        return this.rules.stream()
                .map((rule) -> namesServerPort(rule) ? withServerPort(rule, port) : rule)
                .toList();
    }

    private static IngressRuleDefinition withServerPort(IngressRuleDefinition rule, String port) {
        String service = Objects.requireNonNull(rule.getService()).replace(SERVER_PORT_PLACEHOLDER, port);
        IngressRuleDefinition resolved = IngressRuleDefinition.of(rule.getHostname(), service);
        resolved.setPath(rule.getPath());
        resolved.setOriginRequest(rule.getOriginRequest());
        return resolved;
    }

    private static boolean namesServerPort(IngressRuleDefinition rule) {
        String service = rule.getService();
        return service != null && service.contains(SERVER_PORT_PLACEHOLDER);
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
     * The compiled table of the configured rules, or null when the rules target the application's server port (not
     * known before it starts).
     *
     * @return the table or null
     */
    public @Nullable IngressRules configuredRules() {
        return targetsApplication() ? null : IngressRules.compile(this.rules, this.originRequest);
    }
}
