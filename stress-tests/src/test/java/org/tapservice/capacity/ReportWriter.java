package org.tapservice.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The capacity report as markdown with its plots as SVG beside it: the targets judged, then per
 * workload its plots and, per instance count, a table, the knee and links to Gatling's reports;
 * then the cost of the result size and of the number of jobs.
 */
final class ReportWriter {

    /** More users past the knee add less than this to the throughput. */
    private static final double KNEE_GAIN = 1.10;

    /** A machine this busy, or Redis' single thread this busy, is at its limit. */
    private static final double MACHINE_BUSY = 0.9;
    private static final double REDIS_BUSY = 0.9;
    private static final double MB = 1024 * 1024;

    private final CapacityReport.Findings findings;
    private final List<CapacityReport.Step> steps;
    private final Path out;
    /** The plots the markdown shows, by file name under plots/. */
    private final Map<String, SvgChart> charts = new LinkedHashMap<>();

    ReportWriter(CapacityReport.Findings findings) {
        this.findings = findings;
        this.steps = findings.steps();
        this.out = findings.options().out();
    }

    /** Writes report.md and its plots (plots/*.svg) into the output directory; the report's path. */
    Path write() throws IOException {
        String markdown = markdown();
        Path plots = Files.createDirectories(out.resolve("plots"));
        for (Map.Entry<String, SvgChart> chart : charts.entrySet()) {
            Files.writeString(plots.resolve(chart.getKey()), chart.getValue().svg());
        }
        Path report = out.resolve("report.md");
        Files.writeString(report, markdown);
        return report;
    }

    String markdown() {
        charts.clear();
        CapacityOptions options = findings.options();
        StringBuilder md = new StringBuilder("# Capacity report\n\n");
        md.append("Measured on %s on this machine (%d cores, load average %s at the end) in %d min by".formatted(
                        LocalDate.now(), Runtime.getRuntime().availableProcessors(), loadAverage(),
                        findings.took().toMinutes()))
                .append(" `bin/tap capacity-report %s`. Every part runs against `bin/tap cluster`".formatted(
                        String.join(" ", "-instances", join(options.instances()), "-users", join(options.users()),
                                "-duration", String.valueOf(options.duration()), "-rows", join(options.rows()),
                                "-formats", String.join(",", options.formats()), "-jobs", join(options.jobs()),
                                "-parts", String.join(",", options.parts().stream().sorted()
                                        .map(p -> p.name().toLowerCase(Locale.ROOT)).toList()))))
                .append(" (instances behind HAProxy, their own Redis, PostgreSQL on the same machine).\n\n");
        targets(md);
        if (!steps.isEmpty()) {
            md.append("## Throughput and latency against concurrent users\n\n")
                    .append("Each step is one Gatling run of %d s, closed model (each user sends its next request"
                            .formatted(options.duration()))
                    .append(" when the last one ends), after a warm-up. CPU columns are cores in use on average;")
                    .append(" \"pool wait\" is the most requests seen waiting for an archive connection. Each step")
                    .append(" links to its Gatling report, whose plots show the run over time.\n\n");
        }
        for (CapacityReport.Workload workload : CapacityReport.Workload.values()) {
            if (steps.stream().noneMatch(s -> s.workload() == workload)) {
                continue;
            }
            md.append("### ").append(workload.title).append("\n\n");
            plots(md, workload);
            steps.stream().map(CapacityReport.Step::instances).distinct().sorted().forEach(instances -> {
                List<CapacityReport.Step> series = steps.stream()
                        .filter(s -> s.workload() == workload && s.instances() == instances).toList();
                if (!series.isEmpty()) {
                    table(md, workload, instances, series);
                }
            });
        }
        resultSizes(md);
        jobs(md);
        return md.toString();
    }

    /** Throughput, and p50/p95/p99, against users: a line per instance count. */
    private void plots(StringBuilder md, CapacityReport.Workload workload) {
        List<Integer> instanceCounts = steps.stream().filter(s -> s.workload() == workload)
                .map(CapacityReport.Step::instances).distinct().sorted().toList();
        List<SvgChart.Series> throughput = new ArrayList<>();
        List<SvgChart.Series> latency = new ArrayList<>();
        for (int instances : instanceCounts) {
            List<CapacityReport.Step> series = steps.stream()
                    .filter(s -> s.workload() == workload && s.instances() == instances).toList();
            String label = instances + (instances == 1 ? " instance" : " instances");
            throughput.add(new SvgChart.Series(label, series.stream()
                    .map(s -> new double[] {s.users(), s.figures().perSecond()}).toList()));
            for (String percentile : List.of("p50", "p95", "p99")) {
                latency.add(new SvgChart.Series(percentile + ", " + label, series.stream()
                        .map(s -> new double[] {s.users(), switch (percentile) {
                            case "p50" -> s.figures().p50();
                            case "p95" -> s.figures().p95();
                            default -> s.figures().p99();
                        }}).toList()));
            }
        }
        String name = workload.simulation.toLowerCase(Locale.ROOT).replace("simulation", "");
        chart(md, name + "-throughput.svg", new SvgChart(workload.title + ": throughput", "concurrent users",
                "per second", false, throughput));
        chart(md, name + "-latency.svg", new SvgChart(workload.title + ": latency", "concurrent users",
                "ms (log)", true, latency));
        md.append('\n');
    }

    private void chart(StringBuilder md, String file, SvgChart chart) {
        charts.put(file, chart);
        md.append("![").append(chart.title()).append("](plots/").append(file).append(")\n");
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n");
        if (findings.light().isPresent()) {
            md.append("The cone and async targets are judged on light clients against one instance: wrk (in C, as")
                    .append(" pgbench is) for the cone searches, on the instance itself as pgbench is on PostgreSQL")
                    .append(" itself (the figure through HAProxy follows), the blocking HTTP client of stress-tests")
                    .append(" (`StressMain async`) for the jobs, through HAProxy, at a few concurrencies once the job")
                    .append(" path is warm. On two cores the load generator's CPU is taken from")
                    .append(" the service; Gatling's JVM takes much of it, so the load steps below measure Gatling and")
                    .append(" the service together.\n\n");
        }
        md.append("| target | measured | |\n|---|---|---|\n");
        for (Targets.Target target : Targets.judge(steps, findings.light(), findings.binary2())) {
            md.append("| ").append(target.goal()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.verdict()).append(" |\n");
        }
        md.append('\n');
    }

    private void resultSizes(StringBuilder md) {
        if (findings.sizes().isEmpty() && findings.binary2().isEmpty()) {
            return;
        }
        md.append("## Cost of the result size\n\n")
                .append("`SELECT TOP n * FROM demo.stars` (of %,d rows) from /sync of one".formatted(findings.demoRows()))
                .append(" instance, by one client reading every byte; the median of its downloads. The heap in use")
                .append(" (live objects and garbage not yet collected, `jvm.memory.used`) is sampled ten times a")
                .append(" second during the downloads; the resident set (RSS) is the kernel's, after them, and its")
                .append(" peak since the instance started.\n\n");
        if (!findings.sizes().isEmpty()) {
            List<String> formats = findings.sizes().stream().map(ResultSizes.Size::format).distinct().toList();
            chart(md, "result-size-time.svg", new SvgChart("Download time against result size", "rows",
                    "median seconds (log)", true, formats.stream().map(format -> new SvgChart.Series(format,
                            findings.sizes().stream().filter(s -> s.format().equals(format))
                                    .map(s -> new double[] {s.rows(), s.medianSeconds()}).toList())).toList()));
            chart(md, "result-size-heap.svg", new SvgChart("Heap in use against result size", "rows",
                    "largest sample, MB", false, formats.stream().map(format -> new SvgChart.Series(format,
                            findings.sizes().stream().filter(s -> s.format().equals(format))
                                    .map(s -> new double[] {s.rows(), s.heapMax() / MB}).toList())).toList()));
            md.append('\n');
            md.append("| format | rows | MB | downloads | median s | rows/s | heap in use, max MB | RSS MB | peak RSS MB |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ResultSizes.Size size : findings.sizes()) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %d | %.3f | %,.0f | %.0f | %.0f | %.0f |%n",
                        size.format(), size.rows(), size.bytes() / MB, size.downloads(), size.medianSeconds(),
                        size.rowsPerSecond(), size.heapMax() / MB, size.resident().now() / MB,
                        size.resident().peak() / MB));
            }
            md.append('\n');
        }
        findings.binary2().ifPresent(race -> md.append(String.format(Locale.ROOT,
                "Against PostgreSQL (`bench/stream-vs-psql.sh`, run by the report %d times, the run of the median"
                        + " ratio): %,d rows as %s in %.2f s, psql's"
                        + " `\\copy` of the same rows to /dev/null in %.2f s, so the service streams at %.2fx psql's"
                        + " rate ([its output](stream-vs-psql.txt)).%n%n", StreamVsPsql.RUNS, race.rows(), race.format(),
                race.serviceSeconds(), race.psqlSeconds(), race.ratio())));
    }

    private void jobs(StringBuilder md) {
        if (findings.jobs().isEmpty()) {
            return;
        }
        md.append("## Cost of the number of jobs in the system\n\n")
                .append("One instance on a database of its own. The jobs were seeded as the service restores them")
                .append(" after losing Redis: rows inserted into the PostgreSQL job archive in bulk (one INSERT ...")
                .append(" SELECT from generate_series per owner), then Redis restarted empty and rebuilt by the")
                .append(" instance's own state recovery (\"rebuild\": from the restart until the instance logged the")
                .append(" rebuild). Seeded jobs are COMPLETED queries without results; a tenth of them belong to one")
                .append(" owner (\"heavy owner\"), ten to a user with a few jobs, the rest to anonymous callers; their")
                .append(" creation times are spread over the last 30 days. Lists are asked for over HTTP (HTTP Basic)")
                .append(" up to 20 times each; the table gives the median, and the jobs in the answer. Live heap:")
                .append(" in use after a full collection. Reaping: %d jobs created over HTTP with the same".formatted(1000))
                .append(" DESTRUCTION, destroyed by the reaper (sweeping every 2 s here, 1000 jobs a sweep at most);")
                .append(" \"sweep\" is from the first to the last one leaving the archive, \"late\" how long after")
                .append(" their destruction time the last one went.\n\n");
        List<JobPopulation.Count> counts = findings.jobs();
        chart(md, "jobs-lists.svg", new SvgChart("Job lists against jobs in the system", "jobs in the system",
                "median ms (log)", true, counts.getFirst().listings().stream().map(JobPopulation.Listing::what)
                        .map(what -> new SvgChart.Series(what, counts.stream().map(c -> new double[] {c.jobs(),
                                c.listings().stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow()
                                        .p50Millis()}).toList())).toList()));
        chart(md, "jobs-memory.svg", new SvgChart("Memory against jobs in the system", "jobs in the system", "MB",
                false, List.of(new SvgChart.Series("Redis used_memory", counts.stream()
                                .map(c -> new double[] {c.jobs(), c.redisBytes() / MB}).toList()),
                        new SvgChart.Series("service live heap", counts.stream()
                                .map(c -> new double[] {c.jobs(), c.heapLive() / MB}).toList()))));
        md.append('\n');
        md.append("| jobs | rebuild s | Redis MB | Redis bytes/job | Redis keys | live heap MB | RSS MB |");
        List<String> listings = findings.jobs().getFirst().listings().stream().map(JobPopulation.Listing::what).toList();
        listings.forEach(what -> md.append(' ').append(what).append(", ms (jobs) |"));
        md.append(" reaping 1000: sweep s | late s |\n|---:|---:|---:|---:|---:|---:|---:|")
                .append("---:|".repeat(listings.size())).append("---:|---:|\n");
        for (JobPopulation.Count count : findings.jobs()) {
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %,d | %,d | %.0f | %.0f |", count.jobs(),
                    count.rebuildSeconds(), count.redisBytes() / MB, count.redisBytes() / Math.max(1, count.jobs()),
                    count.redisKeys(), count.heapLive() / MB, count.resident().now() / MB));
            for (JobPopulation.Listing listing : count.listings()) {
                md.append(String.format(Locale.ROOT, " %.1f (%,d) |", listing.p50Millis(), listing.jobs()));
            }
            md.append(String.format(Locale.ROOT, " %.1f | %.1f |%n", count.reaping().sweepSeconds(),
                    count.reaping().lateSeconds()));
        }
        md.append('\n');
    }

    private static String join(List<? extends Number> numbers) {
        return String.join(",", numbers.stream().map(String::valueOf).toList());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void table(StringBuilder md, CapacityReport.Workload workload, int instances,
            List<CapacityReport.Step> series) {
        boolean reference = workload == CapacityReport.Workload.SYNC_CONES;
        md.append("#### %d instance%s%n%n".formatted(instances, instances == 1 ? "" : "s"));
        md.append("| users | per second | p50 ms | p95 ms | p99 ms | failed |")
                .append(reference ? " pgbench q/s | ratio |" : "")
                .append(" machine CPU | service | PostgreSQL | Redis | pool wait | report |\n")
                .append("|---:|---:|---:|---:|---:|---:|").append(reference ? "---:|---:|" : "")
                .append("---:|---:|---:|---:|---:|---|\n");
        for (CapacityReport.Step step : series) {
            var f = step.figures();
            var u = step.usage();
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %d |", step.users(), f.perSecond(),
                    f.p50(), f.p95(), f.p99(), f.ko()));
            if (reference) {
                md.append(String.format(Locale.ROOT, " %.0f | %.2f |", step.pgbenchRate(),
                        f.perSecond() / step.pgbenchRate()));
            }
            md.append(String.format(Locale.ROOT, " %.0f%% | %.2f | %.2f | %.2f | %d | [report](%s/index.html) |%n",
                    100 * u.machineBusy(), u.serviceCores(), u.postgresCores(), u.redisCores(),
                    u.archivePoolPendingMax(), out.relativize(step.report())));
        }
        md.append('\n').append(knee(series)).append("\n\n");
    }

    private static String knee(List<CapacityReport.Step> series) {
        Optional<CapacityReport.Step> knee = Optional.empty();
        for (int i = 0; i + 1 < series.size(); i++) {
            if (series.get(i + 1).figures().perSecond() < KNEE_GAIN * series.get(i).figures().perSecond()) {
                knee = Optional.of(series.get(i));
                break;
            }
        }
        if (knee.isEmpty()) {
            return "No knee within these steps: throughput still grew by more than 10% at every step.";
        }
        CapacityReport.Step at = knee.get();
        return String.format(Locale.ROOT, "Knee at %d users (%.1f per second, p99 %d ms): more users add latency,"
                + " not throughput. What saturated there: %s.", at.users(), at.figures().perSecond(),
                at.figures().p99(), saturated(at.usage()));
    }

    /**
     * What was at its limit at the knee, each that was: Redis' one thread, the machine's CPUs
     * (with who used them), the archive pool (requests waited for a connection).
     */
    private static String saturated(ResourceSampler.Usage u) {
        String cpu = String.format(Locale.ROOT, "(service %.2f, PostgreSQL %.2f, Redis %.2f cores)", u.serviceCores(),
                u.postgresCores(), u.redisCores());
        List<String> limits = new ArrayList<>();
        if (u.redisCores() >= REDIS_BUSY) {
            limits.add(String.format(Locale.ROOT, "Redis, its one thread %.0f%% busy", 100 * u.redisCores()));
        }
        if (u.machineBusy() >= MACHINE_BUSY) {
            limits.add(String.format(Locale.ROOT, "the machine's CPUs, %.0f%% busy %s", 100 * u.machineBusy(), cpu));
        }
        if (u.archivePoolPendingMax() > 0) {
            limits.add("the archive connection pool (up to " + u.archivePoolPendingMax()
                    + " requests waited for a connection)");
        }
        return limits.isEmpty() ? String.format(Locale.ROOT, "nothing measured here (CPU %.0f%% busy %s):"
                + " latency-bound", 100 * u.machineBusy(), cpu) : String.join("; ", limits);
    }
}
