package org.tapservice.capacity;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The capacity report as markdown: per workload and instance count, a table, the knee, and links. */
final class ReportWriter {

    /** More users past the knee add less than this to the throughput. */
    private static final double KNEE_GAIN = 1.10;

    private final List<CapacityReport.Step> steps;
    private final Path out;
    private final int duration;

    ReportWriter(List<CapacityReport.Step> steps, Path out, int duration) {
        this.steps = steps;
        this.out = out;
        this.duration = duration;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Capacity report\n\n");
        md.append("Measured on %s on this machine (%d cores), %d s per step, each step one Gatling run against"
                .formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), duration))
                .append(" `bin/tap cluster` (instances behind HAProxy, their own Redis, PostgreSQL on the same machine).")
                .append(" CPU columns are cores in use on average; \"pool wait\" is the most requests seen waiting for")
                .append(" an archive connection. Each step links to its Gatling report, whose plots show the run over time.\n\n");
        for (CapacityReport.Workload workload : CapacityReport.Workload.values()) {
            md.append("## ").append(workload.title).append("\n\n");
            steps.stream().map(CapacityReport.Step::instances).distinct().sorted().forEach(instances -> {
                List<CapacityReport.Step> series = steps.stream()
                        .filter(s -> s.workload() == workload && s.instances() == instances).toList();
                if (!series.isEmpty()) {
                    table(md, workload, instances, series);
                }
            });
        }
        return md.toString();
    }

    private void table(StringBuilder md, CapacityReport.Workload workload, int instances,
            List<CapacityReport.Step> series) {
        boolean reference = workload == CapacityReport.Workload.SYNC_CONES;
        md.append("### %d instance%s%n%n".formatted(instances, instances == 1 ? "" : "s"));
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

    private static String saturated(ResourceSampler.Usage u) {
        String cpu = String.format(Locale.ROOT, "(service %.2f, PostgreSQL %.2f, Redis %.2f cores)", u.serviceCores(),
                u.postgresCores(), u.redisCores());
        if (u.machineBusy() >= 0.9) {
            return "the machine's CPUs, " + String.format(Locale.ROOT, "%.0f%% busy ", 100 * u.machineBusy()) + cpu;
        }
        if (u.archivePoolPendingMax() > 0) {
            return "the archive connection pool (" + u.archivePoolPendingMax() + " requests waited) " + cpu;
        }
        return String.format(Locale.ROOT, "nothing measured here (CPU %.0f%% busy %s): latency-bound",
                100 * u.machineBusy(), cpu);
    }
}
