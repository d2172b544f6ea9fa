package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.retry.Delayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Delays that complete only when the test says so, so no test sleeps. */
final class ManualDelayer implements Delayer {

    private final List<Pending> pending = new ArrayList<>();

    final List<Duration> requested = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        this.pending.add(new Pending(delay, future));
        this.requested.add(delay);
        return future;
    }

    /** Completes every delay requested so far that was not cancelled (not those requested while running). */
    void fireAll() {
        List<Pending> due;
        synchronized (this) {
            due = new ArrayList<>(this.pending);
            this.pending.clear();
        }
        due.forEach((entry) -> entry.future.complete(null));
    }

    /** Completes the delays of exactly this length. */
    void fire(Duration delay) {
        List<Pending> due = new ArrayList<>();
        synchronized (this) {
            this.pending.removeIf((entry) -> entry.delay.equals(delay) && due.add(entry));
        }
        due.forEach((entry) -> entry.future.complete(null));
    }

    synchronized List<Duration> pendingDelays() {
        return this.pending.stream()
                .filter((entry) -> !entry.future.isDone())
                .map((entry) -> entry.delay)
                .toList();
    }

    private record Pending(Duration delay, CompletableFuture<Void> future) {}
}
