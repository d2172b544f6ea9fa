package io.tunnelagent.core.config;

/**
 * Thrown when a configuration file or document cannot be read. The message names the offending key and the expected
 * form, e.g. {@code originRequest.connectTimeout: expected a duration like 30s, got 'abc'}.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
