package io.tunnelagent.core.connector.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * cloudflared's backoff (protocol doc 1.5, {@code retry/backoffhandler.go}): the wait before retry {@code k} (the
 * retry count after incrementing, capped at {@code maxRetries}) is uniformly random in {@code [0, base·2^k)}, so
 * with a base of 1 s and 5 retries the caps are 2, 4, 8, 16 and 32 s, then 32 s forever. A successful connection
 * resets the count ({@link #reset()}); {@link #startGracePeriod()} resets it later if no failure happens in between.
 *
 * <p>Not thread-safe: one instance belongs to one connection loop.
 */
public final class Backoff {

    private final Duration base;

    private final int maxRetries;

    private final boolean retryForever;

    private final Clock clock;

    private final RandomGenerator random;

    private int retries;

    private @Nullable Instant resetDeadline;

    /**
     * Creates a backoff.
     *
     * @param base the base time (cloudflared: 1 s per connection, 10 s for the supervisor)
     * @param maxRetries the retry count at which the wait stops growing ({@code --retries}, default 5)
     * @param retryForever whether to keep retrying at the cap once {@code maxRetries} is reached
     * @param clock the clock for the grace-period deadline
     * @param random the source of jitter
     */
    public Backoff(Duration base, int maxRetries, boolean retryForever, Clock clock, RandomGenerator random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("The backoff base must be positive, got " + base);
        }
        if (maxRetries < 0 || maxRetries > 30) {
            throw new IllegalArgumentException("retries must be between 0 and 30, got " + maxRetries);
        }
        this.base = base;
        this.maxRetries = maxRetries;
        this.retryForever = retryForever;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Counts a retry and returns how long to wait before it.
     *
     * @return the wait, or {@code null} when the retries are used up and {@code retryForever} is off
     */
    public @Nullable Duration nextDelay() {
        expireGracePeriod();
        if (this.retries >= this.maxRetries) {
            if (!this.retryForever) {
                return null;
            }
        } else {
            this.retries++;
        }
        long maxNanos = cap(this.retries).toNanos();
        return Duration.ofNanos(this.random.nextLong(maxNanos));
    }

    /**
     * The upper bound of the next wait, as cloudflared logs it ("Retrying connection in up to …"), without counting
     * a retry.
     *
     * @return the bound
     */
    public Duration maxNextDelay() {
        expireGracePeriod();
        return cap(Math.min(this.retries + 1, this.maxRetries));
    }

    /**
     * The retries counted since the last reset, sent to the edge as {@code numPreviousAttempts}.
     *
     * @return the count
     */
    public int retries() {
        expireGracePeriod();
        return this.retries;
    }

    /**
     * Whether the retry count has reached {@code maxRetries} (the trigger for protocol fallback).
     *
     * @return true at the cap
     */
    public boolean reachedMaxRetries() {
        return retries() == this.maxRetries;
    }

    /** Resets the count at once, after a successful connection. */
    public void reset() {
        this.retries = 0;
        this.resetDeadline = null;
    }

    /**
     * Arms a reset: if no retry is counted within a random time in {@code [0, base·2^(retries+2))}, the count goes
     * back to zero.
     *
     * @return the chosen grace period
     */
    public Duration startGracePeriod() {
        long maxNanos = cap(this.retries + 2).toNanos();
        Duration grace = Duration.ofNanos(this.random.nextLong(maxNanos));
        this.resetDeadline = this.clock.instant().plus(grace);
        return grace;
    }

    private void expireGracePeriod() {
        Instant deadline = this.resetDeadline;
        if (deadline != null && this.clock.instant().isAfter(deadline)) {
            reset();
        }
    }

    private Duration cap(int exponent) {
        return this.base.multipliedBy(1L << exponent);
    }
}
