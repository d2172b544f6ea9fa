package io.tunnelagent.core.connector.rules;

import io.tunnelagent.core.config.ConfigException;
import io.tunnelagent.core.config.json.RemoteConfiguration;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress table in force and the remote configuration version. Readers take {@link #current()} once per
 * request, so in-flight requests finish on the table they started with. Updates are validated before the swap: an
 * invalid table never replaces the current one.
 *
 * <p>Remote pushes follow cloudflared's orchestrator (protocol doc 4.6): a version not newer than the current one
 * (initially -1) changes nothing; a configuration that does not parse or validate is refused with its error and
 * the current version; otherwise it is applied and its version becomes current.
 */
public final class RulesHolder {

    private static final Logger logger = LoggerFactory.getLogger(RulesHolder.class);

    private final AtomicReference<IngressRules> rules;

    private volatile int version = -1;

    /**
     * Creates a holder.
     *
     * @param initial the rules to start with
     */
    public RulesHolder(IngressRules initial) {
        this.rules = new AtomicReference<>(initial);
    }

    /**
     * The rules in force.
     *
     * @return the rules
     */
    public IngressRules current() {
        return this.rules.get();
    }

    /**
     * The version of the last applied remote configuration, -1 if none.
     *
     * @return the version
     */
    public int version() {
        return this.version;
    }

    /**
     * Validates and swaps in a locally defined table.
     *
     * @param definitions the rules in order
     * @param globalOriginRequest the global {@code originRequest}, or null
     * @return the new rules
     * @throws IngressValidationException with cloudflared's text for the first invalid rule; the old table stays
     */
    public synchronized IngressRules update(
            List<IngressRuleDefinition> definitions, @Nullable OriginRequestDefinition globalOriginRequest) {
        IngressRules compiled = IngressRules.compile(definitions, globalOriginRequest);
        this.rules.set(compiled);
        logger.info("Updated ingress rules: {} rule(s)", compiled.rules().size());
        return compiled;
    }

    /**
     * Swaps in an already compiled table.
     *
     * @param compiled the rules
     */
    public void replace(IngressRules compiled) {
        this.rules.set(compiled);
    }

    /**
     * Applies a configuration pushed by the edge.
     *
     * @param newVersion the pushed version
     * @param json the configuration JSON ({@code {"ingress":[…],"originRequest":{…},"warp-routing":{…}}})
     * @return the version in force and the error, if refused
     */
    public synchronized ConfigurationUpdate applyRemote(int newVersion, byte[] json) {
        int current = this.version;
        if (newVersion <= current) {
            logger.debug(
                    "Ignoring remote configuration version {}: version {} is already applied", newVersion, current);
            return new ConfigurationUpdate(current, null);
        }
        IngressRules compiled;
        try {
            compiled = RemoteConfiguration.parse(new String(json, StandardCharsets.UTF_8))
                    .ingressRules();
        } catch (ConfigException | IngressValidationException ex) {
            String error = "Invalid remote configuration version " + newVersion + ": " + ex.getMessage();
            logger.warn("{}; keeping version {}", error, current);
            return new ConfigurationUpdate(current, error);
        }
        this.rules.set(compiled);
        this.version = newVersion;
        logger.info(
                "Updated to remote configuration version {}: {} rule(s)",
                newVersion,
                compiled.rules().size());
        return new ConfigurationUpdate(newVersion, null);
    }
}
