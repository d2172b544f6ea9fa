package io.tunnelagent.transport.quic.netty;

import io.netty.handler.codec.quic.QuicClosedChannelException;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
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

    private static final int NO_APPLICATION_PROTOCOL = 120;

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
                + " answered, or the peer is not a QUIC edge; check the address and that UDP reaches it";
    }

    static TransportException wrongAlpn(InetSocketAddress edge, @Nullable String alpn) {
        return new TransportException("QUIC edge " + edge + " did not agree on ALPN '" + QuicSettings.ALPN
                + "' (negotiated: " + (alpn == null || alpn.isEmpty() ? "none" : alpn) + "); it is not a tunnel edge");
    }

    static TransportException of(InetSocketAddress edge, Throwable cause, EdgeTrust trust) {
        if (cause instanceof QuicClosedChannelException closed && closed.event() != null) {
            QuicConnectionCloseEvent event = closed.event();
            if (event.isTlsError()) {
                int alert = QuicConnectionCloseEvent.extractTlsError(event.error());
                return alert == NO_APPLICATION_PROTOCOL
                        ? alpnRefused(edge, "TLS alert 120 (no_application_protocol)", cause)
                        : tlsFailed(edge, "TLS alert " + alert + " from the edge", trust, cause);
            }
            return new TransportException(
                    "QUIC edge " + edge + " closed the connection during the handshake: " + event, cause);
        }
        String text = describe(cause).toLowerCase(Locale.ROOT);
        if (isAlpnRefusal(text)) {
            return alpnRefused(edge, describe(cause), cause);
        }
        if (cause instanceof SSLException
                || text.contains("certificate")
                || text.contains("handshake")
                || text.contains("tls")) {
            return tlsFailed(edge, describe(cause), trust, cause);
        }
        if (text.contains("timed out") || text.contains("timeout")) {
            return new TransportException(
                    "QUIC handshake with " + edge + " timed out: " + describe(cause)
                            + "; check the address and that UDP reaches it",
                    cause);
        }
        return new TransportException("QUIC dial to " + edge + " failed: " + describe(cause), cause);
    }

    /**
     * Whether a failure text reports that the edge refused the ALPN (TLS alert 120, no_application_protocol).
     *
     * @param lowerCaseText the failure text in lower case
     * @return true for an ALPN refusal
     */
    public static boolean isAlpnRefusal(String lowerCaseText) {
        return lowerCaseText.contains("no_application_protocol")
                || lowerCaseText.contains("tls error 120")
                || lowerCaseText.contains("alert 120")
                || lowerCaseText.contains("alpn");
    }

    /**
     * A dial failure because the edge refused ALPN {@code argotunnel}.
     *
     * @param edge the edge
     * @param detail what the library said
     * @param cause the cause
     * @return the exception
     */
    public static TransportException alpnRefused(InetSocketAddress edge, String detail, Throwable cause) {
        return new TransportException(
                "QUIC edge " + edge + " refused ALPN '" + QuicSettings.ALPN + "'; it is not a tunnel edge (" + detail
                        + ")",
                cause);
    }

    /**
     * A dial failure in the TLS handshake.
     *
     * @param edge the edge
     * @param detail what the library said
     * @param trust the roots used
     * @param cause the cause
     * @return the exception
     */
    public static TransportException tlsFailed(
            InetSocketAddress edge, String detail, EdgeTrust trust, Throwable cause) {
        return new TransportException(
                "TLS handshake with QUIC edge " + edge + " failed: " + detail + "; the edge certificate must name "
                        + EdgeTrust.QUIC_SERVER_NAME + " and chain to " + trust,
                cause);
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
