package io.tunnelagent.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The harness's settings, from {@code key=value} arguments.
 *
 * @param concurrency keep-alive connections in the closed-loop runs, each with one request outstanding
 * @param warmup time each closed-loop run runs before it measures
 * @param duration measured window of each closed-loop run
 * @param smallBytes the {@code GET /small} response body size
 * @param echoBytes the {@code POST /echo} request (and response) body size
 * @param largeBytes the large download and upload size
 * @param transferLimit how long one large transfer may take before it is reported as not done
 * @param chunked whether the origin sends the small and echo responses chunked ({@code framing=chunked}, the
 *     default) or with {@code Content-Length} ({@code framing=length})
 * @param targets what to measure, in order ({@code direct} first so that ratios have a baseline)
 * @param scenarios which of {@code get}, {@code echo}, {@code download} and {@code upload} to run
 */
record LoadSettings(
        int concurrency,
        Duration warmup,
        Duration duration,
        int smallBytes,
        int echoBytes,
        long largeBytes,
        Duration transferLimit,
        boolean chunked,
        List<Target> targets,
        Set<String> scenarios) {

    static final String USAGE = "arguments (all optional): concurrency=16 warmupSeconds=5 seconds=10 smallBytes=1024"
            + " echoBytes=4096 largeMiB=100 limitSeconds=120 framing=chunked|length"
            + " targets=direct,netty-quic,kwik-quic,http2 scenarios=get,echo,download,upload";

    private static final Set<String> SCENARIOS = Set.of("get", "echo", "download", "upload");

    static LoadSettings parse(String[] args) {
        int concurrency = 16;
        int warmup = 5;
        int seconds = 10;
        int smallBytes = 1024;
        int echoBytes = 4096;
        int largeMiB = 100;
        int limit = 120;
        String framing = "chunked";
        String targets = "direct,netty-quic,kwik-quic,http2";
        String scenarios = "get,echo,download,upload";
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("Expected key=value, got '" + arg + "'; " + USAGE);
            }
            String value = arg.substring(equals + 1);
            switch (arg.substring(0, equals)) {
                case "concurrency" -> concurrency = positive(arg, value);
                case "warmupSeconds" -> warmup = Integer.parseInt(value);
                case "seconds" -> seconds = positive(arg, value);
                case "smallBytes" -> smallBytes = Integer.parseInt(value);
                case "echoBytes" -> echoBytes = positive(arg, value);
                case "largeMiB" -> largeMiB = positive(arg, value);
                case "limitSeconds" -> limit = positive(arg, value);
                case "framing" -> framing = value;
                case "targets" -> targets = value;
                case "scenarios" -> scenarios = value;
                default -> throw new IllegalArgumentException("Unknown setting '" + arg + "'; " + USAGE);
            }
        }
        if (!framing.equals("chunked") && !framing.equals("length")) {
            throw new IllegalArgumentException("'" + framing + "' is not a framing; " + USAGE);
        }
        List<Target> parsed = new ArrayList<>();
        for (String label : targets.split(",")) {
            parsed.add(Target.parse(label.trim()));
        }
        Set<String> chosen = Set.of(scenarios.split(","));
        if (!SCENARIOS.containsAll(chosen)) {
            throw new IllegalArgumentException("Unknown scenario in '" + scenarios + "'; " + USAGE);
        }
        return new LoadSettings(
                concurrency,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds),
                smallBytes,
                echoBytes,
                largeMiB * (1L << 20),
                Duration.ofSeconds(limit),
                framing.equals("chunked"),
                List.copyOf(parsed),
                chosen);
    }

    /**
     * The settings of the warm-up round that runs before the measured one: the same scenarios with no warm-up of
     * their own, each closed-loop run as long as the warm-up, transfers of at most 16 MiB.
     */
    LoadSettings warmupRound() {
        return new LoadSettings(
                this.concurrency,
                Duration.ZERO,
                this.warmup.isZero() ? Duration.ofSeconds(1) : this.warmup,
                this.smallBytes,
                this.echoBytes,
                Math.min(this.largeBytes, 16L << 20),
                this.transferLimit,
                this.chunked,
                this.targets,
                this.scenarios);
    }

    private static int positive(String arg, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed <= 0) {
            throw new IllegalArgumentException("'" + arg + "' must be a positive number; " + USAGE);
        }
        return parsed;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "concurrency=%d warmup=%ds measured=%ds GET /small %d B, POST /echo %d B (%s), large %d MiB (limit %ds)",
                this.concurrency,
                this.warmup.toSeconds(),
                this.duration.toSeconds(),
                this.smallBytes,
                this.echoBytes,
                this.chunked ? "chunked" : "Content-Length",
                this.largeBytes >> 20,
                this.transferLimit.toSeconds());
    }
}
