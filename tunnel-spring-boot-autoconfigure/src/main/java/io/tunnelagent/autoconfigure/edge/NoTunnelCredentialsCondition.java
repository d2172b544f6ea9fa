package io.tunnelagent.autoconfigure.edge;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when neither {@code cloudflare.tunnel.token} nor {@code cloudflare.tunnel.credentials-file} is set and
 * {@code cloudflare.tunnel.local-edge.enabled} is not false.
 */
final class NoTunnelCredentialsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("cloudflare.tunnel.local-edge.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("cloudflare.tunnel.local-edge.enabled is false");
        }
        for (String key : new String[] {"cloudflare.tunnel.token", "cloudflare.tunnel.credentials-file"}) {
            String value = environment.getProperty(key);
            if (value != null && !value.isBlank()) {
                return ConditionOutcome.noMatch(key + " is set");
            }
        }
        return ConditionOutcome.match("no tunnel token or credentials file is set");
    }
}
