package io.tunnelagent.core.config.json;

import io.tunnelagent.core.config.ConfigException;
import io.tunnelagent.core.config.ConfigTree;
import io.tunnelagent.core.config.DefinitionBinder;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The configuration the edge pushes with {@code updateConfiguration}:
 * {@code {"originRequest":{…},"ingress":[…],"warp-routing":{…}}}. Keys match case-insensitively and unknown keys
 * are ignored, as with Go's JSON decoder; durations are whole seconds.
 *
 * @param originRequest the global {@code originRequest}, or {@code null} when absent
 * @param ingress the rules in order (may be empty)
 * @param warpRouting the {@code warp-routing} section
 */
public record RemoteConfiguration(
        @Nullable OriginRequestDefinition originRequest,
        List<IngressRuleDefinition> ingress,
        WarpRoutingDefinition warpRouting) {

    public RemoteConfiguration {
        ingress = List.copyOf(ingress);
    }

    /**
     * Parses the JSON document.
     *
     * @throws ConfigException when it is not JSON or a value has the wrong form (the message names the key)
     */
    public static RemoteConfiguration parse(String json) {
        ConfigTree root = JsonTrees.parse(json, "Remote configuration");
        if (!(root instanceof ConfigTree.MapNode map)) {
            throw new ConfigException("Remote configuration: expected a JSON object");
        }
        DefinitionBinder binder = new DefinitionBinder(DefinitionBinder.Format.JSON);
        OriginRequestDefinition originRequest = null;
        List<IngressRuleDefinition> ingress = new ArrayList<>();
        WarpRoutingDefinition warpRouting = new WarpRoutingDefinition();
        for (ConfigTree.Entry entry : map.entries()) {
            String key = entry.key();
            if (key.equalsIgnoreCase("originRequest")) {
                boolean isNull = entry.value() instanceof ConfigTree.Scalar scalar && scalar.value() == null;
                originRequest = isNull ? null : binder.originRequest(entry.value(), "originRequest");
            } else if (key.equalsIgnoreCase("ingress")) {
                ingress = binder.ingress(entry.value(), "ingress");
            } else if (key.equalsIgnoreCase("warp-routing")) {
                warpRouting = binder.warpRouting(entry.value(), "warp-routing");
            }
        }
        return new RemoteConfiguration(originRequest, ingress, warpRouting);
    }

    /**
     * Validates and compiles the rules; no rules give the default {@code http_status:503} table, as cloudflared
     * applies it.
     *
     * @throws IngressValidationException with cloudflared's text for the first invalid rule
     */
    public IngressRules ingressRules() {
        return IngressRules.compile(this.ingress, this.originRequest);
    }

    /**
     * The resolved {@code warp-routing} settings, with a locally configured {@code max-active-flows} (when not
     * {@code null}) taking precedence over the remote value.
     */
    public WarpRoutingConfig warpRoutingConfig(@Nullable Long localMaxActiveFlows) {
        WarpRoutingConfig config = WarpRoutingConfig.resolve(this.warpRouting);
        return (localMaxActiveFlows != null) ? config.withMaxActiveFlows(localMaxActiveFlows) : config;
    }
}
