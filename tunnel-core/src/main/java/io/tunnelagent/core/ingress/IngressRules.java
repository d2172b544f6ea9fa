package io.tunnelagent.core.ingress;

import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.service.GoUrl;
import io.tunnelagent.core.ingress.service.IngressService;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The compiled ingress table: validated once from definitions, then immutable and safe to share between threads
 * (swap a whole instance to reconfigure). Rules are tried in order and the first match wins; the last rule catches
 * everything else.
 *
 * <pre>{@code
 * IngressRules rules = IngressRules.compile(List.of(
 *         IngressRuleDefinition.of("app.example.com", "http://localhost:8080"),
 *         IngressRuleDefinition.of(null, "http_status:404")), null);
 * IngressRule rule = rules.match("app.example.com:443", "/index.html");
 * }</pre>
 */
public final class IngressRules {

    /** The warning cloudflared logs when it runs without any ingress rule. */
    public static final String NO_RULES_WARNING = "No ingress rules were defined in provided config (if any) nor from"
            + " the cli, cloudflared will return 503 for all incoming HTTP requests";

    private final List<IngressRule> rules;

    private final OriginRequestConfig defaults;

    private final boolean fallback;

    private IngressRules(List<IngressRule> rules, OriginRequestConfig defaults, boolean fallback) {
        this.rules = List.copyOf(rules);
        this.defaults = defaults;
        this.fallback = fallback;
    }

    /**
     * Validates and compiles rules. Each rule's settings are cloudflared's defaults, overridden by the global
     * definition, overridden by the rule's own, field by field. An empty list gives the single
     * {@code http_status:503} rule (see {@link #warning()}).
     *
     * @param definitions the rules in order
     * @param globalOriginRequest the global {@code originRequest}, or {@code null}
     * @throws IngressValidationException with cloudflared's text for the first invalid rule
     */
    public static IngressRules compile(
            List<IngressRuleDefinition> definitions, @Nullable OriginRequestDefinition globalOriginRequest) {
        OriginRequestConfig defaults = OriginRequestConfig.resolve(globalOriginRequest);
        if (definitions.isEmpty()) {
            return fallback(defaults);
        }
        return new IngressRules(IngressRuleCompiler.compile(definitions, defaults), defaults, false);
    }

    /** The table used when no rule is configured: every request gets 503. */
    public static IngressRules fallback(OriginRequestConfig defaults) {
        IngressRule rule = new IngressRule(0, "", null, null, new IngressService.HttpStatus(503), defaults, null);
        return new IngressRules(List.of(rule), defaults, true);
    }

    /** The rules in order; never empty. */
    public List<IngressRule> rules() {
        return this.rules;
    }

    /** The global settings (defaults ← global definition) that rules start from. */
    public OriginRequestConfig defaults() {
        return this.defaults;
    }

    /** Whether this is the built-in 503 table used because no rule was configured. */
    public boolean isFallback() {
        return this.fallback;
    }

    /** {@link #NO_RULES_WARNING} for the fallback table, else empty. */
    public Optional<String> warning() {
        return this.fallback ? Optional.of(NO_RULES_WARNING) : Optional.empty();
    }

    /**
     * The first rule matching the request, or the last rule when none does.
     *
     * @param host the request host, with or without {@code :port}
     * @param path the decoded request path, without query
     */
    public IngressRule match(String host, String path) {
        String hostname = HostMatching.stripPort(host);
        for (IngressRule rule : this.rules) {
            if (rule.matches(hostname, path)) {
                return rule;
            }
        }
        return this.rules.get(this.rules.size() - 1);
    }

    /**
     * Matches a full URL the way {@code cloudflared tunnel ingress rule <URL>} does.
     *
     * @throws IngressValidationException {@code "<url> is not a valid URL"} or {@code "<url> doesn't have a
     *     hostname, consider adding a scheme"}
     */
    public IngressRule matchUrl(String url) {
        GoUrl parsed = parseTestUrl(url);
        return match(parsed.hostname(), parsed.path());
    }

    /**
     * Checks a URL given to {@code ingress rule}, with cloudflared's messages.
     *
     * @throws IngressValidationException when the URL is missing, invalid or has neither scheme nor hostname
     */
    public static GoUrl parseTestUrl(String url) {
        if (url.isEmpty()) {
            throw new IngressValidationException("cloudflared tunnel rule expects a single argument, the URL to test");
        }
        GoUrl parsed;
        try {
            parsed = GoUrl.parse(url);
        } catch (IllegalArgumentException ex) {
            throw new IngressValidationException(url + " is not a valid URL", ex);
        }
        if (parsed.hostname().isEmpty() && parsed.scheme().isEmpty()) {
            throw new IngressValidationException(url + " doesn't have a hostname, consider adding a scheme");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "IngressRules" + this.rules;
    }
}
