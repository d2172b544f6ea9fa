package io.tunnelagent.autoconfigure.connector;

import io.tunnelagent.core.proxy.StreamProxy;

/**
 * Customizes the origin side of the auto-configured connector (the HTTP client that serves proxied requests): beans
 * of this type are applied in order to the {@link StreamProxy.Builder}, for example to add tags.
 */
@FunctionalInterface
public interface StreamProxyCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the proxy builder
     */
    void customize(StreamProxy.Builder builder);
}
