package io.tunnelagent.core.config.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes JSON exactly as Go's {@code encoding/json} does for the values used here: HTML-safe string escaping and
 * durations as float seconds in Go's shortest number format.
 */
final class GoJsonWriter {

    private final StringBuilder out = new StringBuilder();

    private boolean needsComma;

    GoJsonWriter beginObject() {
        separate();
        this.out.append('{');
        this.needsComma = false;
        return this;
    }

    GoJsonWriter endObject() {
        this.out.append('}');
        this.needsComma = true;
        return this;
    }

    GoJsonWriter beginArray() {
        separate();
        this.out.append('[');
        this.needsComma = false;
        return this;
    }

    GoJsonWriter endArray() {
        this.out.append(']');
        this.needsComma = true;
        return this;
    }

    GoJsonWriter name(String name) {
        separate();
        string(name);
        this.out.append(':');
        this.needsComma = false;
        return this;
    }

    GoJsonWriter value(String value) {
        separate();
        string(value);
        this.needsComma = true;
        return this;
    }

    GoJsonWriter value(boolean value) {
        return raw(Boolean.toString(value));
    }

    GoJsonWriter value(long value) {
        return raw(Long.toString(value));
    }

    GoJsonWriter nullValue() {
        return raw("null");
    }

    /** A duration as Go's {@code json.Marshal(d.Seconds())} writes it, e.g. {@code 30}, {@code 1.5}. */
    GoJsonWriter seconds(Duration duration) {
        return raw(goFloat(BigDecimal.valueOf(duration.toNanos(), 9)));
    }

    @Override
    public String toString() {
        return this.out.toString();
    }

    private GoJsonWriter raw(String text) {
        separate();
        this.out.append(text);
        this.needsComma = true;
        return this;
    }

    private void separate() {
        if (this.needsComma) {
            this.out.append(',');
            this.needsComma = false;
        }
    }

    static String goFloat(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent < -6 || exponent >= 21) {
            String digits = stripped.unscaledValue().abs().toString();
            String mantissa = (digits.length() > 1) ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (stripped.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + Math.abs(exponent);
        }
        return stripped.toPlainString();
    }

    private void string(String text) {
        this.out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> this.out.append("\\\"");
                case '\\' -> this.out.append("\\\\");
                case '\n' -> this.out.append("\\n");
                case '\r' -> this.out.append("\\r");
                case '\t' -> this.out.append("\\t");
                case '\b' -> this.out.append("\\b");
                case '\f' -> this.out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        this.out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < text.length()
                                    && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c)
                                    && i > 0
                                    && Character.isHighSurrogate(text.charAt(i - 1)))) {
                        this.out.append("\\ufffd");
                    } else {
                        this.out.append(c);
                    }
                }
            }
        }
        this.out.append('"');
    }
}
