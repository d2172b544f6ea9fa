package io.tunnelagent.core.ingress.definition;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cloudflare Access protection of an origin ({@code originRequest.access}): when required, every request must carry a
 * valid {@code Cf-Access-Jwt-Assertion} issued for the team and one of the audience tags.
 */
public final class AccessDefinition {

    /** Whether requests without a valid Access token are rejected with 403. */
    private boolean required;

    /** Access team name; the keys come from {@code https://<teamName>.cloudflareaccess.com}. */
    private @Nullable String teamName;

    /** Application audience tags; a token must carry at least one of them. */
    private List<String> audTag = new ArrayList<>();

    /** Access environment; {@code fed} selects {@code <teamName>.fed.cloudflareaccess.com}. */
    private @Nullable String environment;

    public boolean isRequired() {
        return this.required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public @Nullable String getTeamName() {
        return this.teamName;
    }

    public void setTeamName(@Nullable String teamName) {
        this.teamName = teamName;
    }

    public List<String> getAudTag() {
        return this.audTag;
    }

    public void setAudTag(@Nullable List<String> audTag) {
        this.audTag = (audTag != null) ? audTag : new ArrayList<>();
    }

    public @Nullable String getEnvironment() {
        return this.environment;
    }

    public void setEnvironment(@Nullable String environment) {
        this.environment = environment;
    }
}
