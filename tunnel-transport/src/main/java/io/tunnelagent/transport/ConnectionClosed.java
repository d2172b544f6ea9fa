package io.tunnelagent.transport;

import org.jspecify.annotations.Nullable;

/**
 * Why a {@link TunnelConnection} ended.
 *
 * @param byPeer whether the peer closed it (or went silent), rather than this side
 * @param errorCode the application error code of the close (0 for a normal close), or -1 if the connection ended
 *     without one (idle timeout, transport failure, TCP reset)
 * @param reason a human-readable reason, empty if none
 * @param cause the failure that ended it, if any
 */
public record ConnectionClosed(
        boolean byPeer,
        long errorCode,
        String reason,
        @Nullable Throwable cause) {}
