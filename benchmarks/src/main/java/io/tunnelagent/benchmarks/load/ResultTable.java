package io.tunnelagent.benchmarks.load;

import io.tunnelagent.benchmarks.load.http.LatencyResult;
import io.tunnelagent.benchmarks.load.http.TransferResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's results as one Markdown table: a row per target and scenario, with the rate (requests/s or MB/s)
 * divided by the direct run's rate for the same scenario.
 */
final class ResultTable {

    private static final String HEADER =
            "| target | scenario | req/s | p50 ms | p90 ms | p99 ms | MB/s | vs direct | notes |";

    private final List<Row> rows = new ArrayList<>();

    private final Map<String, Double> direct = new HashMap<>();

    private record Row(Target target, String scenario, double rate, String cells, String notes) {}

    void add(Target target, String scenario, LatencyResult result) {
        String cells = String.format(
                Locale.ROOT,
                "%.0f | %.2f | %.2f | %.2f | ",
                result.requestsPerSecond(),
                result.p50Millis(),
                result.p90Millis(),
                result.p99Millis());
        add(new Row(
                target,
                scenario,
                result.requestsPerSecond(),
                cells,
                result.errors() == 0 ? "" : result.errors() + " errors, first: " + result.firstError()));
    }

    void add(Target target, String scenario, TransferResult result) {
        String failure = result.failure();
        double rate = failure == null ? result.megabytesPerSecond() : 0;
        String cells = String.format(Locale.ROOT, " | | | | %.1f", rate);
        String notes = String.format(Locale.ROOT, "%.2f s", result.seconds()) + (failure == null ? "" : ", " + failure);
        add(new Row(target, scenario, rate, cells, notes));
    }

    private void add(Row row) {
        if (row.target() == Target.DIRECT) {
            this.direct.put(row.scenario(), row.rate());
        }
        this.rows.add(row);
    }

    String render() {
        StringBuilder table = new StringBuilder(HEADER).append('\n');
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : this.rows) {
            Double baseline = this.direct.get(row.scenario());
            String ratio =
                    baseline == null || baseline == 0 ? "" : String.format(Locale.ROOT, "%.2f", row.rate() / baseline);
            table.append("| ")
                    .append(row.target().label)
                    .append(" | ")
                    .append(row.scenario())
                    .append(" | ")
                    .append(row.cells())
                    .append(" | ")
                    .append(ratio)
                    .append(" | ")
                    .append(row.notes())
                    .append(" |\n");
        }
        return table.toString();
    }
}
