package io.tunnelagent.benchmarks.load.http;

/**
 * What one large transfer measured.
 *
 * @param bytes body bytes moved (received for a download, sent and acknowledged by the origin for an upload)
 * @param seconds from sending the request head to the end of the response
 * @param failure why the transfer did not complete, or {@code null}
 */
public record TransferResult(
        long bytes,
        double seconds,
        @org.jspecify.annotations.Nullable String failure) {

    /**
     * Megabytes (10^6 bytes) per second.
     *
     * @return the rate
     */
    public double megabytesPerSecond() {
        return this.bytes / 1e6 / this.seconds;
    }
}
