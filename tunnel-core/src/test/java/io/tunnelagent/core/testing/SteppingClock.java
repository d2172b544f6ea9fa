package io.tunnelagent.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until a test moves it on; safe to read from any thread. */
public final class SteppingClock extends Clock {

    private volatile Instant now;

    /** Starts at 2026-11-29T12:00:00Z. */
    public SteppingClock() {
        this(Instant.parse("2026-11-29T12:00:00Z"));
    }

    /**
     * Starts at the given instant.
     *
     * @param now the first instant
     */
    public SteppingClock(Instant now) {
        this.now = now;
    }

    /**
     * Moves the clock on.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        this.now = this.now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return this.now;
    }
}
