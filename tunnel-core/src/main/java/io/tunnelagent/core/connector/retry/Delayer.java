package io.tunnelagent.core.connector.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits without blocking a thread: the connector's only source of delays, so tests can complete them at once or on
 * demand instead of sleeping.
 */
@FunctionalInterface
public interface Delayer {

    /**
     * Returns a future that completes after the delay.
     *
     * @param delay how long to wait; zero or negative completes at once
     * @return the future; cancelling it drops the wait
     */
    CompletableFuture<Void> after(Duration delay);

    /**
     * A delayer on a scheduler.
     *
     * @param scheduler the scheduler; its threads complete the futures
     * @return the delayer
     */
    static Delayer of(ScheduledExecutorService scheduler) {
        return (delay) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (delay.isNegative() || delay.isZero()) {
                done.complete(null);
                return done;
            }
            var task = scheduler.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
            done.whenComplete((ignored, failure) -> task.cancel(false));
            return done;
        };
    }
}
