package io.tunnelagent.autoconfigure.connector;

import io.tunnelagent.core.connector.ConnectorBuilder;

/**
 * Customizes the auto-configured connector: beans of this type are applied in order to the
 * {@link ConnectorBuilder} after the properties and connection details.
 */
@FunctionalInterface
public interface TunnelConnectorCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the connector builder
     */
    void customize(ConnectorBuilder builder);
}
