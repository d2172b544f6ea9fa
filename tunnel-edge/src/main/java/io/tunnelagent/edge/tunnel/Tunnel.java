package io.tunnelagent.edge.tunnel;

import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.credentials.TunnelToken;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A tunnel known to the edge. The secret is a {@link TunnelSecret}, so {@link #toString()} never shows it.
 *
 * @param id the tunnel id
 * @param name the tunnel's name
 * @param accountTag the account tag connectors must present
 * @param secret the secret connectors must present
 * @param createdAt when the tunnel was created
 */
public record Tunnel(UUID id, String name, String accountTag, TunnelSecret secret, Instant createdAt) {

    /**
     * Validates the fields.
     *
     * @param id the tunnel id
     * @param name the tunnel's name
     * @param accountTag the account tag
     * @param secret the secret
     * @param createdAt the creation time
     */
    public Tunnel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accountTag, "accountTag");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The content of a cloudflared credentials file for this tunnel.
     *
     * @return the credentials
     */
    public TunnelCredentials credentials() {
        return new TunnelCredentials(accountTag, secret, id, "");
    }

    /**
     * The token for {@code cloudflared tunnel run --token}.
     *
     * @return the token
     */
    public TunnelToken token() {
        return new TunnelToken(accountTag, id, secret, "");
    }

    Tunnel withSecret(TunnelSecret newSecret) {
        return new Tunnel(id, name, accountTag, newSecret, createdAt);
    }
}
