package io.tunnelagent.core.origin;

/**
 * One origin (an ingress rule's service with its resolved {@code originRequest} settings, or the WARP routing
 * dialer). Implementations are thread-safe and shared by every stream routed to them.
 */
@FunctionalInterface
public interface OriginService {

    /**
     * Serves one stream: answers it through {@link StreamExchange#respond} and ends it with
     * {@link StreamExchange#finish()} or {@link StreamExchange#fail(Throwable)}. Must not block; an exception thrown
     * here fails the exchange.
     *
     * @param exchange the stream and its parsed request
     */
    void serve(StreamExchange exchange);
}
