package io.tunnelagent.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The tunnel cannot be set up as configured: missing or invalid credentials, invalid ingress rules, an unreadable
 * file, no target for the default rule. The message says what is wrong, {@link #getAction()} how to fix it; neither
 * ever holds a secret. Startup failures of this type are explained by a failure analyzer.
 */
public class TunnelConfigurationException extends RuntimeException {

    private final String action;

    /**
     * Creates the exception.
     *
     * @param description what is wrong, naming the property
     * @param action how to fix it
     */
    public TunnelConfigurationException(String description, String action) {
        this(description, action, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param description what is wrong, naming the property
     * @param action how to fix it
     * @param cause the underlying error, or null
     */
    public TunnelConfigurationException(String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /**
     * Returns how to fix the problem.
     *
     * @return the action, in a sentence or two
     */
    public String getAction() {
        return this.action;
    }
}
