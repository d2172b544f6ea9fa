package io.tunnelagent.core.proxy;

import io.tunnelagent.protocol.stream.ConnectionType;
import java.time.Duration;

/**
 * How one proxied stream ended.
 *
 * @param streamId the transport's stream id
 * @param type the stream type
 * @param ruleIndex the 0-based index of the matched ingress rule, or -1 for TCP streams and unparseable requests
 * @param status the HTTP status sent to the edge, or 0 when none was sent (errors, TCP)
 * @param error the error text sent to the edge or the reason for a reset, empty on success
 * @param duration the time from dispatch to the end of the stream
 */
public record ProxyResult(
        long streamId, ConnectionType type, int ruleIndex, int status, String error, Duration duration) {

    /** Whether the stream ended without an error. */
    public boolean isSuccess() {
        return this.error.isEmpty();
    }
}
