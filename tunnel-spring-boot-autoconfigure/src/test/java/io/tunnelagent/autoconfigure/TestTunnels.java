package io.tunnelagent.autoconfigure;

import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.credentials.TunnelToken;
import java.util.UUID;

/** Tunnel tokens and credentials made up for tests (no edge knows them). */
public final class TestTunnels {

    /** The tunnel ID in {@link #token()} and {@link #credentialsJson()}. */
    public static final UUID TUNNEL_ID = UUID.fromString("8d0e6b35-4cf0-4bd4-9b49-21f1bdb5c0de");

    private static final TunnelSecret SECRET = TunnelSecret.of(new byte[32]);

    private TestTunnels() {}

    /**
     * A well-formed token.
     *
     * @return the base64 token
     */
    public static String token() {
        return new TunnelToken("0123456789abcdef0123456789abcdef", TUNNEL_ID, SECRET, "").encode();
    }

    /**
     * A well-formed credentials file.
     *
     * @return the JSON
     */
    public static String credentialsJson() {
        return new TunnelCredentials("0123456789abcdef0123456789abcdef", SECRET, TUNNEL_ID, "").toJson();
    }
}
