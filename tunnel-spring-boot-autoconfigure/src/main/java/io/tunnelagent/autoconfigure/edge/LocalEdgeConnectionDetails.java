package io.tunnelagent.autoconfigure.edge;

import io.tunnelagent.autoconfigure.TunnelConnectionDetails;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;

/** Connection details of the embedded edge's quick tunnel: its credentials, its address and its CA. */
final class LocalEdgeConnectionDetails implements TunnelConnectionDetails {

    private final EmbeddedEdge edge;

    LocalEdgeConnectionDetails(EmbeddedEdge edge) {
        this.edge = edge;
    }

    @Override
    public TunnelCredentials getCredentials() {
        return this.edge.tunnel().credentials();
    }

    @Override
    public UUID getTunnelId() {
        return this.edge.tunnel().id();
    }

    @Override
    public List<InetSocketAddress> getEdgeAddresses() {
        return List.of(this.edge.localEdge().edgeAddress());
    }

    @Override
    public EdgeTrust getEdgeTrust() {
        return EdgeTrust.of(this.edge.localEdge().caCertificate());
    }
}
