package io.tunnelagent.core.config;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cloudflared configuration file, read by {@link CloudflaredConfigReader}: the tunnel reference, the ingress
 * definitions with the global {@code originRequest} and {@code warp-routing}, every other top-level key as a flag
 * value, and the unknown keys found inside rules and option blocks.
 *
 * @param source where the configuration came from, as cloudflared prints it ("Validating rules from …")
 * @param tunnel the {@code tunnel} key (name or UUID), or {@code null}
 * @param ingress the {@code ingress} rules in order
 * @param originRequest the global {@code originRequest}
 * @param warpRouting the {@code warp-routing} section
 * @param flags the other top-level keys
 * @param unknownKeys unknown keys, one line each, as Go's strict YAML decoder reports them
 */
public record CloudflaredConfig(
        String source,
        @Nullable String tunnel,
        List<IngressRuleDefinition> ingress,
        OriginRequestDefinition originRequest,
        WarpRoutingDefinition warpRouting,
        ConfigFlags flags,
        List<String> unknownKeys) {

    /** The error cloudflared reports when a configuration has no {@code ingress} rules. */
    public static final String NO_INGRESS_RULES = "The config file doesn't contain any ingress rules";

    public CloudflaredConfig {
        ingress = List.copyOf(ingress);
        unknownKeys = List.copyOf(unknownKeys);
    }

    /**
     * Compiles the ingress rules with the global {@code originRequest}.
     *
     * @throws IngressValidationException {@value #NO_INGRESS_RULES} when there are none, or the first rule error
     */
    public IngressRules ingressRules() {
        if (this.ingress.isEmpty()) {
            throw new IngressValidationException(NO_INGRESS_RULES);
        }
        return IngressRules.compile(this.ingress, this.originRequest);
    }

    /** The resolved {@code warp-routing} settings. */
    public WarpRoutingConfig warpRoutingConfig() {
        return WarpRoutingConfig.resolve(this.warpRouting);
    }

    /** The {@code credentials-file} flag, if set. */
    public Optional<String> credentialsFile() {
        return this.flags.string("credentials-file");
    }

    /**
     * The unknown keys as the text cloudflared prints after "Warning: unused keys detected in your config file. Here
     * is a list of unused keys:", or empty when there are none.
     */
    public Optional<String> unusedKeysWarning() {
        if (this.unknownKeys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("yaml: unmarshal errors:\n  " + String.join("\n  ", this.unknownKeys));
    }
}
