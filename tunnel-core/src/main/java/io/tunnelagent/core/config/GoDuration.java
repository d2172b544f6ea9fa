package io.tunnelagent.core.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Go's duration syntax ({@code time.ParseDuration} and {@code Duration.String}), used by cloudflared for durations in
 * config.yml and flags: a sequence of decimal numbers with units {@code ns}, {@code us}/{@code µs}, {@code ms},
 * {@code s}, {@code m}, {@code h}, e.g. {@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code -2s}, or {@code 0}.
 */
public final class GoDuration {

    private static final long MAX = Long.MAX_VALUE;

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /**
     * Parses a Go duration string.
     *
     * @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "abc"}
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long total = 0;
        while (!s.isEmpty()) {
            char first = s.charAt(0);
            if (first != '.' && (first < '0' || first > '9')) {
                throw invalid(text);
            }
            int i = 0;
            long whole = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                if (whole > MAX / 10) {
                    throw invalid(text);
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (whole < 0) {
                    throw invalid(text);
                }
                i++;
            }
            boolean pre = i > 0;
            long fraction = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int start = i;
                boolean overflow = false;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    if (!overflow) {
                        if (fraction > (MAX - 9) / 10) {
                            overflow = true;
                        } else {
                            fraction = fraction * 10 + (s.charAt(i) - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i > start;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            String unitName = s.substring(unitStart, i);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + quote(unitName) + " in duration " + quote(text));
            }
            if (whole > MAX / unit) {
                throw invalid(text);
            }
            long value = whole * unit;
            if (fraction > 0) {
                value += (long) (fraction * (unit / scale));
                if (value < 0) {
                    throw invalid(text);
                }
            }
            total += value;
            if (total < 0) {
                throw invalid(text);
            }
            s = s.substring(i);
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    /**
     * Formats like Go's {@code Duration.String}: {@code 0s}, {@code 1.5s}, {@code 1m30s}, {@code 1h0m0s},
     * {@code 500ms}.
     *
     * @throws ArithmeticException if the duration does not fit Go's 64-bit nanoseconds
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Work on the unsigned magnitude; Long.MIN_VALUE stays representable through unsigned arithmetic.
        long u = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000L) {
                out.append(u).append("ns");
            } else if (u < 1_000_000L) {
                out.append(fraction(u, 3)).append("\u00b5s");
            } else {
                out.append(fraction(u, 6)).append("ms");
            }
        } else {
            long seconds = Long.divideUnsigned(u, 1_000_000_000L);
            long subSecond = Long.remainderUnsigned(u, 1_000_000_000L);
            String secondText = (seconds % 60) + fractionDigits(subSecond, 9);
            long minutes = seconds / 60;
            if (minutes > 0) {
                long hours = minutes / 60;
                String minuteText = (minutes % 60) + "m";
                out.append(hours > 0 ? hours + "h" : "").append(minuteText);
            }
            out.append(secondText).append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    private static String fraction(long value, int digits) {
        long divisor = (long) Math.pow(10, digits);
        return (value / divisor) + fractionDigits(value % divisor, digits);
    }

    private static String fractionDigits(long remainder, int digits) {
        if (remainder == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", remainder);
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        return "." + padded.substring(0, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /** Go's {@code time.quote}: non-ASCII and control characters as {@code \xNN} bytes. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (codePoint >= 0x80 || codePoint < ' ') {
                for (byte b : text.substring(i, i + width).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02x", b & 0xFF));
                }
            } else {
                if (codePoint == '"' || codePoint == '\\') {
                    out.append('\\');
                }
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        return out.append('"').toString();
    }
}
