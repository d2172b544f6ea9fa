package io.tunnelagent.core.connector.rules;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a remote configuration push, as {@code UpdateConfigurationResponse} carries it.
 *
 * @param latestAppliedVersion the version in force after the push
 * @param error why the push was refused, or null if it was applied or ignored as not newer
 */
public record ConfigurationUpdate(
        int latestAppliedVersion, @Nullable String error) {

    /**
     * Whether the push was refused.
     *
     * @return true if there is an error
     */
    public boolean refused() {
        return this.error != null;
    }
}
