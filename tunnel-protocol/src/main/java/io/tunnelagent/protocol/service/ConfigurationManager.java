package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ConfigurationManager} ({@code 0xb48edfbdaa25db04}): remote configuration pushed by the edge to the
 * connector. Protocol doc section 4.6.
 */
public interface ConfigurationManager {

    /**
     * Method 0: applies a new configuration version.
     *
     * @param params the version and configuration JSON
     * @return the latest applied version and an error text, if any
     */
    CompletableFuture<UpdateConfigurationResponse> updateConfiguration(UpdateConfiguration.Params params);
}
