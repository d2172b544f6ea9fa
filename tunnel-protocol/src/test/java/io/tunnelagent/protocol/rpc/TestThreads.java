package io.tunnelagent.protocol.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/** A thread factory that remembers its threads, so tests can check that none is left behind. */
final class TestThreads implements ThreadFactory {

    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "rpc-test-" + this.threads.size());
        thread.setDaemon(true);
        this.threads.add(thread);
        return thread;
    }

    /** Waits up to {@code timeout} for every thread to end and returns those still alive. */
    synchronized List<Thread> awaitAllEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : this.threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(left);
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }

    synchronized int count() {
        return this.threads.size();
    }
}
