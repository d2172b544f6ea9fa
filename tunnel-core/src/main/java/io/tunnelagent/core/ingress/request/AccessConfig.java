package io.tunnelagent.core.ingress.request;

import io.tunnelagent.core.ingress.definition.AccessDefinition;
import java.util.List;

/**
 * Resolved Cloudflare Access settings of a rule.
 *
 * @param required whether requests without a valid Access token are rejected
 * @param teamName the Access team name (empty when not set)
 * @param audTags the accepted audience tags
 * @param environment the Access environment, e.g. {@code fed} (empty when not set)
 */
public record AccessConfig(boolean required, String teamName, List<String> audTags, String environment) {

    public AccessConfig {
        audTags = List.copyOf(audTags);
    }

    /** Copies a definition; {@code null} strings become empty. */
    public static AccessConfig from(AccessDefinition definition) {
        String teamName = definition.getTeamName();
        String environment = definition.getEnvironment();
        return new AccessConfig(
                definition.isRequired(),
                (teamName != null) ? teamName : "",
                definition.getAudTag(),
                (environment != null) ? environment : "");
    }

    /** The team domain whose keys sign the tokens, e.g. {@code https://team.cloudflareaccess.com}. */
    public String teamDomain() {
        String suffix = "fed".equals(this.environment) ? ".fed.cloudflareaccess.com" : ".cloudflareaccess.com";
        return "https://" + this.teamName + suffix;
    }
}
