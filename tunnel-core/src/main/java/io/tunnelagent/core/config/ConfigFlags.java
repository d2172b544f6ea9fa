package io.tunnelagent.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * cloudflared flag values by flag name, e.g. {@code credentials-file}, {@code protocol}, {@code grace-period}: the
 * top-level keys of config.yml that are not ingress settings, or flags given on a command line. Values are kept as
 * read ({@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link Duration}, lists, maps) and converted
 * on access; a value of the wrong type fails with a {@link ConfigException} that names the flag. Immutable;
 * {@link #toString()} lists names only, so secrets such as {@code token} never appear.
 */
public final class ConfigFlags {

    /**
     * The flags cloudflared reports to the edge in {@code __configuration_flags} when they are set, in its order.
     */
    public static final List<String> REPORTED_FLAGS = List.of(
            "autoupdate-freq",
            "no-autoupdate",
            "retries",
            "protocol",
            "loglevel",
            "transport-loglevel",
            "origincert",
            "metrics",
            "metrics-update-freq",
            "edge-ip-version",
            "edge-bind-address",
            "max-active-flows");

    private static final Set<String> DURATION_FLAGS = Set.of("autoupdate-freq", "metrics-update-freq");

    private static final Set<String> SECRET_FLAGS = Set.of("token", "credentials-contents");

    private static final ConfigFlags EMPTY = new ConfigFlags(Map.of());

    private final Map<String, @Nullable Object> values;

    private ConfigFlags(Map<String, @Nullable Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No flags. */
    public static ConfigFlags empty() {
        return EMPTY;
    }

    /** Flags from a map of names to values (strings, booleans, numbers, durations or lists). */
    public static ConfigFlags of(Map<String, ? extends @Nullable Object> values) {
        return new ConfigFlags(new LinkedHashMap<>(values));
    }

    /** Whether the flag has a value. */
    public boolean isSet(String name) {
        return this.values.containsKey(name);
    }

    /** The names of the flags that are set, in the order they were read. */
    public Set<String> names() {
        return this.values.keySet();
    }

    /** The raw value as read. */
    public Optional<Object> raw(String name) {
        return Optional.ofNullable(this.values.get(name));
    }

    /** A string flag. */
    public Optional<String> string(String name) {
        Object value = this.values.get(name);
        if (value == null || value instanceof String) {
            return Optional.ofNullable((String) value);
        }
        throw expected(name, "a string", value);
    }

    /** A boolean flag ({@code true} or {@code false}). */
    public Optional<Boolean> bool(String name) {
        Object value = this.values.get(name);
        if (value == null || value instanceof Boolean) {
            return Optional.ofNullable((Boolean) value);
        }
        throw expected(name, "true or false", value);
    }

    /** An integer flag. */
    public Optional<Long> integer(String name) {
        Object value = this.values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return Optional.of(((Number) value).longValue());
        }
        throw expected(name, "an integer", value);
    }

    /** A duration flag, written as a Go duration string such as {@code 30s} or {@code 1m30s}. */
    public Optional<Duration> duration(String name) {
        Object value = this.values.get(name);
        if (value == null || value instanceof Duration) {
            return Optional.ofNullable((Duration) value);
        }
        if (value instanceof String text) {
            try {
                return Optional.of(GoDuration.parse(text));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(name + ": expected a duration like 30s, got '" + text + "'", ex);
            }
        }
        throw expected(name, "a duration like 30s", value);
    }

    /** A list-of-strings flag such as {@code edge} or {@code tag}; empty when not set. */
    public List<String> stringList(String name) {
        Object value = this.values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw expected(name, "a list of strings", value);
                }
                strings.add(text);
            }
            return List.copyOf(strings);
        }
        throw expected(name, "a list of strings", value);
    }

    /** These flags with every flag set in {@code overrides} replaced (e.g. command-line flags over config.yml). */
    public ConfigFlags withOverrides(ConfigFlags overrides) {
        Map<String, @Nullable Object> merged = new LinkedHashMap<>(this.values);
        merged.putAll(overrides.values);
        return new ConfigFlags(merged);
    }

    /**
     * The {@code __configuration_flags} map cloudflared pushes to the edge: the {@link #REPORTED_FLAGS} that are set
     * to a non-empty value, as strings (durations in Go's format, e.g. {@code 24h0m0s}), sorted by name.
     */
    public Map<String, String> reportedFlags() {
        Map<String, String> reported = new TreeMap<>();
        for (String name : REPORTED_FLAGS) {
            Object value = this.values.get(name);
            if (value == null) {
                continue;
            }
            String text = DURATION_FLAGS.contains(name)
                    ? GoDuration.format(duration(name).orElseThrow())
                    : (value instanceof Duration duration) ? GoDuration.format(duration) : String.valueOf(value);
            if (!text.isEmpty()) {
                reported.put(name, text);
            }
        }
        return reported;
    }

    private static ConfigException expected(String name, String form, Object value) {
        if (SECRET_FLAGS.contains(name)) {
            return new ConfigException(name + ": expected " + form + " (value hidden)");
        }
        String got = (value instanceof List) ? "a list" : (value instanceof Map) ? "a mapping" : "'" + value + "'";
        if (value instanceof BigInteger) {
            got = "'" + value + "' (too large)";
        }
        return new ConfigException(name + ": expected " + form + ", got " + got);
    }

    @Override
    public String toString() {
        return "ConfigFlags" + this.values.keySet();
    }
}
