package io.tunnelagent.transport.tls;

import java.util.List;

/**
 * The TLS 1.3 key-exchange groups (BoringSSL names) offered and accepted (protocol doc section 2,
 * {@code quic-interop.md}). {@code cloudflared} offers X25519MLKEM768 and P-256 and sends a key share for
 * X25519MLKEM768 only; with {@code --post-quantum} it offers X25519MLKEM768 alone.
 */
public final class KeyExchangeGroups {

    /** The connector's default groups: post-quantum preferred, P-256 as the classical fallback. */
    public static final List<String> CONNECTOR_DEFAULT = List.of("X25519MLKEM768", "P-256");

    /** The connector's strict post-quantum groups ({@code --post-quantum}): no classical fallback. */
    public static final List<String> CONNECTOR_POST_QUANTUM_STRICT = List.of("X25519MLKEM768");

    /**
     * The edge's groups: X25519MLKEM768 for {@code cloudflared} (no HelloRetryRequest) and its strict mode, P-256
     * for clients that offer only that (Kwik, HelloRetryRequest from {@code cloudflared}'s default), X25519 for
     * everything else.
     */
    public static final List<String> EDGE = List.of("X25519MLKEM768", "P-256", "X25519");

    private KeyExchangeGroups() {}

    /**
     * The connector's groups for a post-quantum mode.
     *
     * @param postQuantumStrict whether to offer only post-quantum key exchange
     * @return the groups, most preferred first
     */
    public static List<String> forConnector(boolean postQuantumStrict) {
        return postQuantumStrict ? CONNECTOR_POST_QUANTUM_STRICT : CONNECTOR_DEFAULT;
    }
}
