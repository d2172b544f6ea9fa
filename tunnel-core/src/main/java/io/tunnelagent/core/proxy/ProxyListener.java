package io.tunnelagent.core.proxy;

import io.tunnelagent.protocol.stream.ConnectionType;

/**
 * Observes proxied streams, e.g. to record metrics (request count and duration by rule index and status). Called on
 * transport and origin threads: keep it fast and thread-safe. Exceptions thrown here are logged and ignored.
 */
public interface ProxyListener {

    /** A listener that does nothing. */
    ProxyListener NONE = new ProxyListener() {};

    /**
     * A stream was routed.
     *
     * @param streamId the transport's stream id
     * @param type the stream type
     * @param ruleIndex the matched rule's index, or -1 for TCP streams
     */
    default void requestStarted(long streamId, ConnectionType type, int ruleIndex) {}

    /**
     * A stream ended (once per {@link #requestStarted}, and also for requests that failed before routing).
     *
     * @param result the outcome
     */
    default void requestFinished(ProxyResult result) {}
}
