package io.tunnelagent.core.origin;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * cloudflared's error texts (protocol doc 3.6, 7.6) and Go's wording for dial failures, so that an edge and its
 * logs show what the real connector would: {@code dial tcp 127.0.0.1:9: connect: connection refused}.
 */
public final class OriginErrors {

    /** Prefix of every origin failure. */
    public static final String UNREACHABLE = "Unable to reach the origin service. The service may be down or it may"
            + " not be responding to traffic from cloudflared";

    /** The visitor's side ended before the origin answered. */
    public static final String ABRUPT = "Incoming request ended abruptly";

    private OriginErrors() {}

    /**
     * The text for an exchange failure: an {@link OriginException}'s message as is, anything else as an unreachable
     * origin.
     *
     * @param cause the failure
     * @return the text
     */
    public static String describe(Throwable cause) {
        Throwable unwrapped = unwrap(cause);
        if (unwrapped instanceof OriginException) {
            return unwrapped.getMessage() == null ? UNREACHABLE : unwrapped.getMessage();
        }
        return UNREACHABLE + ": " + goText(unwrapped);
    }

    /**
     * An {@link OriginException} for a failed dial, worded like Go's {@code net.OpError}.
     *
     * @param network {@code tcp} or {@code unix}
     * @param address the dialled address
     * @param cause the failure
     * @return the exception
     */
    public static OriginException dialFailed(String network, SocketAddress address, Throwable cause) {
        return new OriginException(UNREACHABLE + ": " + dialText(network, address, unwrap(cause)), cause);
    }

    /**
     * Go's text for a failed dial.
     *
     * @param network {@code tcp} or {@code unix}
     * @param address the dialled address
     * @param cause the failure
     * @return e.g. {@code dial tcp 127.0.0.1:9: connect: connection refused}
     */
    public static String dialText(String network, SocketAddress address, Throwable cause) {
        String prefix = "dial " + network + " " + format(address) + ": ";
        if (cause instanceof ConnectTimeoutException) {
            return prefix + "i/o timeout";
        }
        if (cause instanceof UnknownHostException) {
            return "dial " + network + ": lookup " + cause.getMessage() + ": no such host";
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("refused")) {
            return prefix + "connect: connection refused";
        }
        if (cause instanceof NoRouteToHostException || message.contains("no route")) {
            return prefix + "connect: no route to host";
        }
        if (message.contains("network is unreachable")) {
            return prefix + "connect: network is unreachable";
        }
        if (message.contains("no such file")) {
            return prefix + "connect: no such file or directory";
        }
        if (cause instanceof ConnectException) {
            return prefix + "connect: " + cause.getMessage();
        }
        return prefix + goText(cause);
    }

    /**
     * Formats an address the way Go prints it: {@code 127.0.0.1:9}, {@code [::1]:9}, or a socket path.
     *
     * @param address the address
     * @return the text
     */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            int percent = host.indexOf('%');
            if (percent >= 0) {
                host = host.substring(0, percent);
            }
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address.toString();
    }

    private static String goText(Throwable cause) {
        if (cause instanceof SSLHandshakeException && hasCause(cause, CertificateException.class)) {
            return "tls: failed to verify certificate: x509: " + certificateProblem(cause);
        }
        if (cause instanceof SSLException) {
            String message = String.valueOf(cause.getMessage());
            return message.toLowerCase(Locale.ROOT).contains("handshake timed out")
                    ? "net/http: TLS handshake timeout"
                    : "remote error: tls: " + message;
        }
        if (cause instanceof ClosedChannelException) {
            return "EOF";
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static String certificateProblem(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            String message = String.valueOf(c.getMessage());
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "certificate is not valid for the requested name (" + message + ")";
            }
        }
        return "certificate signed by unknown authority";
    }

    private static boolean hasCause(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable cause) {
        Throwable current = cause;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
