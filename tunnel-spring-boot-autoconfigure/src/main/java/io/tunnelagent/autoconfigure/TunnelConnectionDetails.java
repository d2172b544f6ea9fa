package io.tunnelagent.autoconfigure;

import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the connector connects and as which tunnel: the credentials (from a token or a credentials file), the
 * tunnel ID, the edge addresses and the roots that verify the edge. The default bean reads
 * {@code cloudflare.tunnel.*}; the embedded local edge contributes its own when no credentials are configured.
 */
public interface TunnelConnectionDetails extends ConnectionDetails {

    /**
     * Returns the tunnel credentials (account tag and tunnel secret).
     *
     * @return the credentials
     * @throws TunnelConfigurationException if none are configured or they cannot be read
     */
    TunnelCredentials getCredentials();

    /**
     * Returns the tunnel ID.
     *
     * @return the ID, or null to use the one in the credentials
     */
    @Nullable
    UUID getTunnelId();

    /**
     * Returns static edge addresses.
     *
     * @return the addresses, empty for DNS discovery
     */
    default List<InetSocketAddress> getEdgeAddresses() {
        return List.of();
    }

    /**
     * Returns the edge region for DNS discovery.
     *
     * @return the region, or null for the credentials' endpoint or the global edge
     */
    default @Nullable String getRegion() {
        return null;
    }

    /**
     * Returns the roots that verify the edge's certificate.
     *
     * @return the trust; by default the JDK's roots and Cloudflare's
     */
    default EdgeTrust getEdgeTrust() {
        return EdgeTrust.defaults();
    }
}
