package io.tunnelagent.benchmarks.load.http;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What a closed-loop run measured: completed requests and their latency percentiles.
 *
 * @param requests requests completed inside the measured window
 * @param errors requests answered with a status other than 200, or failed connections
 * @param firstError what the first error was, or {@code null}
 * @param seconds length of the measured window
 * @param p50Millis median latency
 * @param p90Millis 90th percentile latency
 * @param p99Millis 99th percentile latency
 */
public record LatencyResult(
        long requests,
        long errors,
        @Nullable String firstError,
        double seconds,
        double p50Millis,
        double p90Millis,
        double p99Millis) {

    static LatencyResult of(Histogram nanos, long errors, @Nullable String firstError, double seconds) {
        return new LatencyResult(
                nanos.getTotalCount(),
                errors,
                firstError,
                seconds,
                nanos.getValueAtPercentile(50) / 1e6,
                nanos.getValueAtPercentile(90) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6);
    }

    /**
     * Completed requests per second.
     *
     * @return the rate
     */
    public double requestsPerSecond() {
        return this.requests / this.seconds;
    }
}
