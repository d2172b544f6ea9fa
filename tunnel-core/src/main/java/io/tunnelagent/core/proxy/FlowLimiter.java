package io.tunnelagent.core.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * cloudflared's flow limiter for WARP TCP streams ({@code warp-routing.maxActiveFlows}, protocol doc 3.5, 3.6): at
 * most that many flows at once, 0 meaning no limit. The limit is read per stream, so a reloaded warp-routing section
 * applies to the next stream. Thread-safe.
 */
final class FlowLimiter {

    /** cloudflared's error text for a refused flow. */
    static final String REFUSED = "failed to start tcp flow due to rate limiting: too many active flows";

    private final AtomicLong active = new AtomicLong();

    /**
     * Takes a slot.
     *
     * @param limit the maximum number of active flows, 0 or less for unlimited
     * @return whether a slot was free; a taken slot must be {@linkplain #release() released}
     */
    boolean tryAcquire(long limit) {
        while (true) {
            long current = this.active.get();
            if (limit > 0 && current >= limit) {
                return false;
            }
            if (this.active.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives a slot back. */
    void release() {
        this.active.decrementAndGet();
    }

    /** The number of flows in progress. */
    long active() {
        return this.active.get();
    }
}
