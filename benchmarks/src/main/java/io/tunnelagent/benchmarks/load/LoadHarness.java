package io.tunnelagent.benchmarks.load;

import io.tunnelagent.benchmarks.load.http.BenchOrigin;
import io.tunnelagent.benchmarks.load.http.Endpoint;
import io.tunnelagent.benchmarks.load.http.LoadClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end load through the tunnel, in one JVM: a Netty origin, the local edge and a real connector over each
 * transport (Netty QUIC, Kwik QUIC, HTTP/2), driven by a Netty keep-alive load generator through the edge's visitor
 * port, and directly against the origin for the baseline. Per target it measures closed-loop small GETs and small
 * POST echoes (requests/s, p50/p90/p99 latency) and one large download and upload (MB/s), and prints one Markdown
 * table with each rate divided by the direct rate. Every target is started first, then run once as a discarded
 * warm-up round, then measured. Not part of the test suite; every run and transfer is bounded.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.tunnelagent.benchmarks.load.LoadHarness \
 *     [concurrency=16] [warmupSeconds=5] [seconds=10] [smallBytes=1024] [echoBytes=4096] [largeMiB=100] \
 *     [limitSeconds=120] [framing=chunked|length] [targets=direct,netty-quic,kwik-quic,http2] \
 *     [scenarios=get,echo,download,upload]
 * </pre>
 */
public final class LoadHarness {

    private LoadHarness() {}

    /**
     * Runs every target once and prints the table.
     *
     * @param args {@code key=value} settings, see the class comment
     * @throws Exception if the origin, an edge or a connector cannot start
     */
    public static void main(String[] args) throws Exception {
        LoadSettings settings = LoadSettings.parse(args);
        System.out.printf(
                Locale.ROOT,
                "%s, %d CPUs, load average %.2f at start; %s%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                settings.describe());
        ResultTable table = new ResultTable();
        Path state = Files.createTempDirectory("load-harness-edge");
        Map<Target, Endpoint> endpoints = new EnumMap<>(Target.class);
        List<TunnelRig> rigs = new ArrayList<>();
        try (BenchOrigin origin = BenchOrigin.start(settings.smallBytes(), settings.chunked(), 1);
                LoadClient client = new LoadClient()) {
            for (Target target : settings.targets()) {
                if (target == Target.DIRECT) {
                    endpoints.put(target, new Endpoint(origin.address(), "origin.localhost"));
                } else if (!endpoints.containsKey(target)) {
                    TunnelRig rig = TunnelRig.start(target, origin.address(), state.resolve(target.label));
                    rigs.add(rig);
                    endpoints.put(target, rig.endpoint());
                }
            }
            // a first round, discarded, so that the JIT has compiled every path before anything is measured
            LoadSettings warmup = settings.warmupRound();
            for (Target target : settings.targets()) {
                measure(warmup, client, endpoints.get(target), target, new ResultTable());
            }
            for (Target target : settings.targets()) {
                measure(settings, client, endpoints.get(target), target, table);
            }
        } finally {
            rigs.forEach(TunnelRig::close);
            delete(state);
        }
        System.out.printf(
                Locale.ROOT,
                "load average %.2f at end%n%n%s",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                table.render());
        // Kwik leaves non-daemon threads behind after its connection is closed
        System.exit(0);
    }

    private static void measure(
            LoadSettings settings, LoadClient client, Endpoint endpoint, Target target, ResultTable table)
            throws Exception {
        if (settings.scenarios().contains("get")) {
            String get = "GET " + settings.smallBytes() + " B x" + settings.concurrency();
            progress(target, get);
            table.add(
                    target,
                    get,
                    client.get(endpoint, "/small", settings.concurrency(), settings.warmup(), settings.duration()));
        }
        if (settings.scenarios().contains("echo")) {
            String echo = "POST echo " + settings.echoBytes() + " B x" + settings.concurrency();
            progress(target, echo);
            table.add(
                    target,
                    echo,
                    client.post(
                            endpoint,
                            "/echo",
                            settings.echoBytes(),
                            settings.concurrency(),
                            settings.warmup(),
                            settings.duration()));
        }
        if (settings.scenarios().contains("download")) {
            String download = "download " + (settings.largeBytes() >> 20) + " MiB";
            progress(target, download);
            table.add(target, download, client.download(endpoint, settings.largeBytes(), settings.transferLimit()));
        }
        if (settings.scenarios().contains("upload")) {
            String upload = "upload " + (settings.largeBytes() >> 20) + " MiB";
            progress(target, upload);
            table.add(target, upload, client.upload(endpoint, settings.largeBytes(), settings.transferLimit()));
        }
    }

    private static void progress(Target target, String scenario) {
        System.out.printf(Locale.ROOT, "%s %s: %s%n", Instant.now(), target.label, scenario);
    }

    private static void delete(Path directory) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
