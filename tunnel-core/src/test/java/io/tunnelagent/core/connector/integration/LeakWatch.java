package io.tunnelagent.core.connector.integration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Watches a test for leaks: the buffers Netty's leak detector reports (it logs each leak as an ERROR starting with
 * {@code LEAK:} on the {@code io.netty.util.ResourceLeakDetector} logger, which this captures), and the threads started
 * after {@link #start()} that are still alive at the end.
 */
final class LeakWatch implements AutoCloseable {

    /** JVM-wide threads that outlive any one test by design (pools and cleaners started on first use). */
    private static final List<String> SHARED_THREADS = List.of(
            "ForkJoinPool.commonPool",
            "globalEventExecutor",
            "ObjectCleanerThread",
            "Common-Cleaner",
            // The JDK's one daemon thread behind CompletableFuture.orTimeout / delayedExecutor.
            "CompletableFutureDelayScheduler");

    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Set<Thread> before;

    private LeakWatch() {
        this.before = Thread.getAllStackTraces().keySet();
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /** Starts watching: takes the thread baseline and captures the leak detector's reports. */
    static LeakWatch start() {
        return new LeakWatch();
    }

    /** The leak detector's level (the parent pom sets {@code paranoid} for tests). */
    static ResourceLeakDetector.Level level() {
        return ResourceLeakDetector.getLevel();
    }

    /**
     * Collects garbage and allocates a few buffers, which makes the detector report the leaked buffers collected so
     * far (it checks on every allocation), for up to two seconds or until a report arrives (the JVM hands collected
     * buffers to the detector on its own thread, which a loaded machine may run late); returns the reports captured
     * since {@link #start()}.
     */
    List<String> leaks() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<String> leaks = captured();
        while (leaks.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(64);
                probe.release();
            }
            leaks = captured();
        }
        return leaks;
    }

    private List<String> captured() {
        synchronized (this.appender) {
            return this.appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter((message) -> message.contains("LEAK"))
                    .collect(Collectors.toList());
        }
    }

    /** Waits up to {@code timeout} for the threads started since {@link #start()} to end; returns those still alive. */
    List<String> threadsStillAlive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : newThreads()) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        return newThreads().stream().map(Thread::getName).sorted().collect(Collectors.toList());
    }

    private List<Thread> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> !this.before.contains(thread) && thread.isAlive())
                .filter((thread) -> SHARED_THREADS.stream().noneMatch(thread.getName()::startsWith))
                .collect(Collectors.toList());
    }

    /** Waits until {@code condition} holds, checking every 10 ms; returns whether it did within {@code timeout}. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return true;
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
    }
}
