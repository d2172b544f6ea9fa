package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.time.Duration;
import java.util.Objects;

/**
 * Struct {@code ConnectionError} ({@code 0xf5f383d2785edb86}, data 2 / pointers 1): cause Text p0, retryAfter Int64
 * nanoseconds bits 0–64, shouldRetry Bool bit 64. Protocol doc sections 4.3 and 4.5: cause {@code EDUPCONN} means a
 * duplicate connection; cloudflared parses but does not use {@code retryAfter}.
 *
 * @param cause the error text
 * @param retryAfter how long to wait before retrying
 * @param shouldRetry whether the error is retryable (false: permanent)
 */
public record ConnectionError(String cause, Duration retryAfter, boolean shouldRetry)
        implements ConnectionResponse, CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xf5f383d2785edb86L;

    /** The cause the edge sends for a duplicate connection. */
    public static final String DUPLICATE_CONNECTION = "EDUPCONN";

    /**
     * Creates the value.
     *
     * @param cause the error text
     * @param retryAfter the retry delay
     * @param shouldRetry whether the error is retryable
     */
    public ConnectionError {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * Reads the struct.
     *
     * @param struct the {@code ConnectionError} struct
     * @return the value
     */
    public static ConnectionError read(StructReader struct) {
        return new ConnectionError(struct.getText(0), Duration.ofNanos(struct.getLong(0)), struct.getBool(64));
    }

    @Override
    public int dataWords() {
        return 2;
    }

    @Override
    public int pointerCount() {
        return 1;
    }

    @Override
    public void write(StructBuilder struct) {
        if (!cause.isEmpty()) {
            struct.setText(0, cause);
        }
        struct.setLong(0, saturatedNanos(retryAfter)).setBool(64, shouldRetry);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException ex) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
