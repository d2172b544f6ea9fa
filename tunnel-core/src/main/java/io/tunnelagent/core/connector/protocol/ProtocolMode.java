package io.tunnelagent.core.connector.protocol;

import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.transport.TransportProtocol;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --protocol} setting (protocol doc 1.6). {@code auto} starts with QUIC and falls back to HTTP/2, as
 * cloudflared does when run with a token; {@code quic} and {@code http2} never change.
 */
public enum ProtocolMode {

    /** QUIC first, HTTP/2 when QUIC does not work, back to QUIC when a re-probe succeeds. */
    AUTO(TransportProtocol.QUIC),

    /** QUIC only. */
    QUIC(TransportProtocol.QUIC),

    /** HTTP/2 only. */
    HTTP2(TransportProtocol.HTTP2);

    private final TransportProtocol initial;

    ProtocolMode(TransportProtocol initial) {
        this.initial = initial;
    }

    /**
     * The protocol the first connection uses.
     *
     * @return the protocol
     */
    public TransportProtocol initial() {
        return this.initial;
    }

    /**
     * The protocol to fall back to, if any.
     *
     * @return HTTP/2 for {@code auto}, otherwise empty
     */
    public Optional<TransportProtocol> fallback() {
        return (this == AUTO) ? Optional.of(TransportProtocol.HTTP2) : Optional.empty();
    }

    /**
     * Parses a {@code --protocol} value; {@code h2mux} means {@code http2}, as in cloudflared.
     *
     * @param value the value
     * @return the mode
     * @throws ConnectorException naming the accepted values
     */
    public static ProtocolMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "quic" -> QUIC;
            case "http2", "h2mux" -> HTTP2;
            default ->
                throw new ConnectorException("unknown protocol " + value + ", Available protocols: 'auto' -"
                        + " automatically chooses the best protocol over time (the default; and also the recommended"
                        + " one); 'quic' - based on QUIC, relying on UDP egress to Cloudflare edge; 'http2' - using"
                        + " HTTP/2, relying on TCP egress to Cloudflare edge");
        };
    }
}
