package io.tunnelagent.transport.quic;

import java.time.Duration;
import java.util.Objects;

/**
 * The QUIC connection settings (protocol doc section 3.1). {@link #connector()} matches {@code cloudflared}'s
 * {@code quic.Config}; {@link #edge()} is what the local edge uses. The flow-control windows map onto the libraries
 * as described in the module README: quiche (Netty) has no setting for the maximum auto-tuned window, so the windows
 * become its initial (advertised) windows; Kwik takes them as its receive buffer sizes.
 *
 * @param handshakeTimeout how long a dial may take until the handshake completes
 * @param maxIdleTimeout the max_idle_timeout transport parameter; the peer's may be lower
 * @param keepAlivePeriod how often to send an ack-eliciting packet when idle; zero for none (the edge relies on
 *     the connector's keep-alive, as Cloudflare's does)
 * @param connectionWindow the connection-level receive window in bytes
 * @param streamWindow the stream-level receive window in bytes
 * @param maxIncomingStreams the number of concurrent bidirectional streams the peer may open
 * @param maxUdpPayloadSize the largest UDP payload sent, 0 for the initial packet size {@code cloudflared} uses
 *     (1232 bytes to an IPv4 peer, 1252 to an IPv6 peer)
 * @param socketBufferSize SO_RCVBUF and SO_SNDBUF of the UDP socket in bytes, 0 for the OS default
 * @param postQuantumStrict whether to offer only X25519MLKEM768 ({@code --post-quantum}); connector only
 */
public record QuicSettings(
        Duration handshakeTimeout,
        Duration maxIdleTimeout,
        Duration keepAlivePeriod,
        long connectionWindow,
        long streamWindow,
        long maxIncomingStreams,
        int maxUdpPayloadSize,
        int socketBufferSize,
        boolean postQuantumStrict) {

    /** The ALPN protocol of the QUIC transport. */
    public static final String ALPN = "argotunnel";

    private static final long MIB = 1024 * 1024;

    /**
     * Validates the settings.
     *
     * @param handshakeTimeout the handshake timeout
     * @param maxIdleTimeout the idle timeout
     * @param keepAlivePeriod the keep-alive period, zero for none
     * @param connectionWindow the connection window
     * @param streamWindow the stream window
     * @param maxIncomingStreams the incoming stream limit
     * @param maxUdpPayloadSize the UDP payload size, 0 for the default
     * @param socketBufferSize the socket buffer size, 0 for the default
     * @param postQuantumStrict the strict post-quantum mode
     */
    public QuicSettings {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(maxIdleTimeout, "maxIdleTimeout");
        Objects.requireNonNull(keepAlivePeriod, "keepAlivePeriod");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || maxIdleTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "QUIC handshakeTimeout must be positive and maxIdleTimeout not negative");
        }
        if (keepAlivePeriod.isNegative() || connectionWindow <= 0 || streamWindow <= 0 || maxIncomingStreams < 0) {
            throw new IllegalArgumentException("QUIC keepAlivePeriod, windows and stream limits must be positive");
        }
        if (maxUdpPayloadSize != 0 && (maxUdpPayloadSize < 1200 || maxUdpPayloadSize > 65527)) {
            throw new IllegalArgumentException(
                    "QUIC maxUdpPayloadSize must be 0 (default) or between 1200 and 65527, was " + maxUdpPayloadSize);
        }
    }

    /**
     * {@code cloudflared}'s connector settings: handshake 5 s, idle 5 s, keep-alive 1 s, windows 30 MiB (connection)
     * and 6 MiB (stream), initial packet size 1232/1252 bytes, default key exchange.
     *
     * @return the settings
     */
    public static QuicSettings connector() {
        return new QuicSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                30 * MIB,
                6 * MIB,
                1 << 16,
                0,
                0,
                false);
    }

    /**
     * The edge's settings: idle 5 s with no keep-alive of its own, the same windows, and up to 1000 concurrent
     * streams opened by the connector.
     *
     * @return the settings
     */
    public static QuicSettings edge() {
        return new QuicSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO, 30 * MIB, 6 * MIB, 1000, 0, 0, false);
    }

    /**
     * A copy with another idle timeout.
     *
     * @param timeout the idle timeout
     * @return the settings
     */
    public QuicSettings withMaxIdleTimeout(Duration timeout) {
        return new QuicSettings(
                handshakeTimeout,
                timeout,
                keepAlivePeriod,
                connectionWindow,
                streamWindow,
                maxIncomingStreams,
                maxUdpPayloadSize,
                socketBufferSize,
                postQuantumStrict);
    }

    /**
     * A copy with another handshake timeout.
     *
     * @param timeout the handshake timeout
     * @return the settings
     */
    public QuicSettings withHandshakeTimeout(Duration timeout) {
        return new QuicSettings(
                timeout,
                maxIdleTimeout,
                keepAlivePeriod,
                connectionWindow,
                streamWindow,
                maxIncomingStreams,
                maxUdpPayloadSize,
                socketBufferSize,
                postQuantumStrict);
    }

    /**
     * A copy with another keep-alive period.
     *
     * @param period the period, zero for none
     * @return the settings
     */
    public QuicSettings withKeepAlivePeriod(Duration period) {
        return new QuicSettings(
                handshakeTimeout,
                maxIdleTimeout,
                period,
                connectionWindow,
                streamWindow,
                maxIncomingStreams,
                maxUdpPayloadSize,
                socketBufferSize,
                postQuantumStrict);
    }

    /**
     * A copy with other receive windows.
     *
     * @param connection the connection window in bytes
     * @param stream the stream window in bytes
     * @return the settings
     */
    public QuicSettings withWindows(long connection, long stream) {
        return new QuicSettings(
                handshakeTimeout,
                maxIdleTimeout,
                keepAlivePeriod,
                connection,
                stream,
                maxIncomingStreams,
                maxUdpPayloadSize,
                socketBufferSize,
                postQuantumStrict);
    }

    /**
     * A copy with another UDP payload size and socket buffer size.
     *
     * @param udpPayloadSize the largest UDP payload, 0 for the default
     * @param socketBuffer SO_RCVBUF/SO_SNDBUF, 0 for the OS default
     * @return the settings
     */
    public QuicSettings withUdp(int udpPayloadSize, int socketBuffer) {
        return new QuicSettings(
                handshakeTimeout,
                maxIdleTimeout,
                keepAlivePeriod,
                connectionWindow,
                streamWindow,
                maxIncomingStreams,
                udpPayloadSize,
                socketBuffer,
                postQuantumStrict);
    }

    /**
     * A copy with the strict post-quantum mode on or off.
     *
     * @param strict whether to offer only X25519MLKEM768
     * @return the settings
     */
    public QuicSettings withPostQuantumStrict(boolean strict) {
        return new QuicSettings(
                handshakeTimeout,
                maxIdleTimeout,
                keepAlivePeriod,
                connectionWindow,
                streamWindow,
                maxIncomingStreams,
                maxUdpPayloadSize,
                socketBufferSize,
                strict);
    }

    /**
     * The UDP payload size to use towards a peer.
     *
     * @param ipv6 whether the peer's address is IPv6
     * @return {@link #maxUdpPayloadSize()} or {@code cloudflared}'s initial packet size
     */
    public int udpPayloadSize(boolean ipv6) {
        if (maxUdpPayloadSize != 0) {
            return maxUdpPayloadSize;
        }
        return ipv6 ? 1252 : 1232;
    }
}
