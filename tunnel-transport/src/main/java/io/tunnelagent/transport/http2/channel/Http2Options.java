package io.tunnelagent.transport.http2.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable parts of an HTTP/2 tunnel connection. The defaults are cloudflared's settings (protocol doc 5.1) plus
 * a PING-based liveness check.
 *
 * @param initialWindowSize the per-stream receive window announced in SETTINGS (cloudflared: 1 MiB)
 * @param connectionWindowSize the connection receive window, raised from 65535 by a WINDOW_UPDATE (1 MiB)
 * @param maxFrameSize the largest frame this side accepts (1 MiB)
 * @param pingInterval how long the connection may be silent before this side sends a PING
 * @param pingTimeout how long the connection may be silent before this side closes it as dead; longer than
 *     {@code pingInterval}
 * @param consolidateFlushes whether to batch the flushes of many streams into fewer TLS records
 */
public record Http2Options(
        int initialWindowSize,
        int connectionWindowSize,
        int maxFrameSize,
        Duration pingInterval,
        Duration pingTimeout,
        boolean consolidateFlushes) {

    /** cloudflared's MAX_CONCURRENT_STREAMS: 2^32 - 1. */
    public static final long MAX_CONCURRENT_STREAMS = 4294967295L;

    /** cloudflared's MAX_HEADER_LIST_SIZE: 1 MiB + 320 (x/net/http2's default). */
    public static final long MAX_HEADER_LIST_SIZE = 1048896L;

    private static final int MIB = 1 << 20;

    /**
     * Validates the options.
     *
     * @param initialWindowSize the stream window
     * @param connectionWindowSize the connection window
     * @param maxFrameSize the maximum frame size
     * @param pingInterval the silence before a PING
     * @param pingTimeout the silence before closing
     * @param consolidateFlushes whether to batch flushes
     */
    public Http2Options {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        if (initialWindowSize < 65535 || connectionWindowSize < 65535) {
            throw new IllegalArgumentException("HTTP/2 windows must be at least 65535 bytes, got stream "
                    + initialWindowSize + " and connection " + connectionWindowSize);
        }
        if (maxFrameSize < 16384 || maxFrameSize > 16777215) {
            throw new IllegalArgumentException(
                    "HTTP/2 maxFrameSize must be between 16384 and 16777215, got " + maxFrameSize);
        }
        if (pingInterval.isNegative() || pingInterval.isZero() || pingTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("pingTimeout (" + pingTimeout
                    + ") must be longer than a positive pingInterval (" + pingInterval + ")");
        }
    }

    /**
     * cloudflared's settings: 1 MiB windows and frames; PING after 5 s of silence, dead after 15 s; flushes
     * consolidated.
     *
     * @return the defaults
     */
    public static Http2Options defaults() {
        return new Http2Options(MIB, MIB, MIB, Duration.ofSeconds(5), Duration.ofSeconds(15), true);
    }

    /**
     * Returns a copy with other windows.
     *
     * @param stream the per-stream window
     * @param connection the connection window
     * @return the options
     */
    public Http2Options withWindows(int stream, int connection) {
        return new Http2Options(stream, connection, maxFrameSize, pingInterval, pingTimeout, consolidateFlushes);
    }

    /**
     * Returns a copy with another liveness check.
     *
     * @param interval the silence before a PING
     * @param timeout the silence before closing
     * @return the options
     */
    public Http2Options withLiveness(Duration interval, Duration timeout) {
        return new Http2Options(
                initialWindowSize, connectionWindowSize, maxFrameSize, interval, timeout, consolidateFlushes);
    }

    /**
     * Returns a copy with flush consolidation switched on or off.
     *
     * @param consolidate whether to batch flushes
     * @return the options
     */
    public Http2Options withFlushConsolidation(boolean consolidate) {
        return new Http2Options(
                initialWindowSize, connectionWindowSize, maxFrameSize, pingInterval, pingTimeout, consolidate);
    }
}
