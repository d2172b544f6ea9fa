package io.tunnelagent.benchmarks.load.http;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The state of one closed-loop run shared by its connections. Every connection runs on the client's single event loop
 * thread, so the histogram and counters need no locking; {@link #finished} publishes them to the caller.
 */
final class ClosedLoop {

    final CompletableFuture<Void> finished = new CompletableFuture<>();

    final Supplier<FullHttpRequest> requests;

    private final Histogram latencyNanos = new Histogram(3);

    private final long measureFrom;

    private final long measureUntil;

    private int connectionsLeft;

    private long errors;

    private @Nullable String firstError;

    ClosedLoop(Supplier<FullHttpRequest> requests, long measureFrom, long measureUntil, int connections) {
        this.requests = requests;
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.connectionsLeft = connections;
    }

    /** Whether a connection should send another request now. */
    boolean running(long now) {
        return now < this.measureUntil;
    }

    /** Records a completed request if it was sent and answered inside the measured window. */
    void completed(long sentAt, long now, @Nullable String error) {
        if (sentAt < this.measureFrom || now > this.measureUntil) {
            return;
        }
        if (error == null) {
            this.latencyNanos.recordValue(now - sentAt);
        } else {
            failed(error);
        }
    }

    /** A connection has stopped, at the end of the run ({@code error} null) or because it failed. */
    void connectionDone(@Nullable String error) {
        if (this.finished.isDone()) {
            return;
        }
        if (error != null) {
            failed(error);
        }
        if (--this.connectionsLeft == 0) {
            this.finished.complete(null);
        }
    }

    /** Gives up on the connections still waiting for a response: each counts as an error. */
    void abandon(long graceSeconds) {
        if (this.connectionsLeft > 0) {
            this.errors += this.connectionsLeft;
            this.firstError = this.connectionsLeft + " connection(s) still had no response " + graceSeconds
                    + " s after the end (stalled)";
            this.connectionsLeft = 0;
            this.finished.complete(null);
        }
    }

    private void failed(String error) {
        this.errors++;
        if (this.firstError == null) {
            this.firstError = error;
        }
    }

    LatencyResult result() {
        return LatencyResult.of(
                this.latencyNanos, this.errors, this.firstError, (this.measureUntil - this.measureFrom) / 1e9);
    }
}
