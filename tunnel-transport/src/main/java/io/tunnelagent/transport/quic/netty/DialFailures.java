package io.tunnelagent.transport.quic.netty;

import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns the ways a QUIC dial fails into messages that say what to check (shared by both QUIC dialers). */
public final class DialFailures {

    private DialFailures() {}

    static TransportException timeout(InetSocketAddress edge, Duration timeout) {
        return new TransportException(handshakeTimeoutMessage(edge, timeout));
    }

    /**
     * The message for a handshake that did not complete in time, shared with the Kwik dialer.
     *
     * @param edge the edge address
     * @param timeout the handshake timeout
     * @return the message
     */
    public static String handshakeTimeoutMessage(InetSocketAddress edge, Duration timeout) {
        return "QUIC handshake with " + edge + " did not complete within " + timeout.toMillis() + " ms: nothing"
                + " answered, the peer is not a QUIC edge, or it refused ALPN '" + QuicSettings.ALPN + "' (quiche-based"
                + " servers drop such a handshake without an answer); check the address and that UDP reaches it";
    }

    static TransportException wrongAlpn(InetSocketAddress edge, @Nullable String alpn) {
        return new TransportException("QUIC edge " + edge + " did not agree on ALPN '" + QuicSettings.ALPN
                + "' (negotiated: " + (alpn == null || alpn.isEmpty() ? "none" : alpn) + "); it is not a tunnel edge");
    }

    static TransportException of(InetSocketAddress edge, Throwable cause, EdgeTrust trust) {
        String text = describe(cause).toLowerCase(Locale.ROOT);
        if (text.contains("no_application_protocol") || text.contains("alpn") || text.contains("0x178")) {
            return new TransportException(
                    "QUIC edge " + edge + " refused ALPN '" + QuicSettings.ALPN + "'; it is not a tunnel edge: "
                            + describe(cause),
                    cause);
        }
        if (cause instanceof SSLException
                || text.contains("certificate")
                || text.contains("handshake")
                || text.contains("tls")) {
            return new TransportException(
                    "TLS handshake with QUIC edge " + edge + " failed: " + describe(cause)
                            + "; the edge certificate must name " + EdgeTrust.QUIC_SERVER_NAME + " and chain to "
                            + trust,
                    cause);
        }
        if (text.contains("timed out") || text.contains("timeout")) {
            return new TransportException(
                    "QUIC handshake with " + edge + " timed out: " + describe(cause)
                            + "; check the address and that UDP reaches it",
                    cause);
        }
        return new TransportException("QUIC dial to " + edge + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (text.length() > 0) {
                text.append(" / ");
            }
            text.append(current.getClass().getSimpleName()).append(": ").append(current.getMessage());
            if (current.getCause() == current) {
                break;
            }
        }
        return text.toString();
    }
}
