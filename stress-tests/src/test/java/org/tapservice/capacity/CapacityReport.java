package org.tapservice.capacity;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tapservice.cluster.LocalCluster;
import org.tapservice.stress.GatlingReport;
import org.tapservice.stress.GatlingRun;

/**
 * The capacity report, by one command ({@code bin/tap capacity-report}): for 1 and 2 instances
 * behind the load balancer, sync cone searches and small async jobs at a rising number of
 * concurrent users, each step a Gatling run while the machine, the service, PostgreSQL, Redis
 * and the archive pool are sampled; pgbench runs the cone's SQL at the same concurrency for
 * the reference. Writes {@code report.md} with a table per workload, the knee, what saturated
 * there, and links to each step's Gatling report (its plots).
 *
 * <p>Options: {@code -instances 1,2 -users 1,2,4,8,16,32 -duration 20 -port 18290
 * -out target/capacity}.
 */
public final class CapacityReport {

    /** One step: a workload at a number of users on a number of instances. */
    record Step(Workload workload, int instances, int users, GatlingReport.Row figures,
            ResourceSampler.Usage usage, Path report, double pgbenchRate) {
    }

    enum Workload {
        SYNC_CONES("sync cone searches (TOP 100, 0.1 degree)", "ConeSearchSimulation", "All Requests"),
        ASYNC_JOBS("small async jobs (create with PHASE=RUN, WAIT, fetch)", "AsyncJobsSimulation", "small job");

        final String title;
        final String simulation;
        final String row;

        Workload(String title, String simulation, String row) {
            this.title = title;
            this.simulation = simulation;
            this.row = row;
        }
    }

    private CapacityReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<Integer> instanceCounts = numbers(options.getOrDefault("instances", "1,2"));
        List<Integer> userCounts = numbers(options.getOrDefault("users", "1,2,4,8,16,32"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        int port = Integer.parseInt(options.getOrDefault("port", "18290"));
        Path out = Path.of(options.getOrDefault("out", "target/capacity")).toAbsolutePath();
        Files.createDirectories(out);

        List<Step> steps = new ArrayList<>();
        Map<Integer, Double> pgbench = new LinkedHashMap<>();
        for (int users : userCounts) {
            pgbench.put(users, Pgbench.coneRate(users, duration));
        }
        for (int instances : instanceCounts) {
            try (LocalCluster cluster = LocalCluster.start(port, instances)) {
                List<URI> instanceUrls = new ArrayList<>();
                for (int i = 1; i <= instances; i++) {
                    instanceUrls.add(URI.create("http://127.0.0.1:" + cluster.instancePort(i) + "/tap"));
                }
                for (Workload workload : Workload.values()) {
                    // a fresh JVM's first seconds (class loading, JIT) are no measure of its capacity
                    warmUp(cluster, workload, userCounts.getLast(), out);
                    for (int users : userCounts) {
                        steps.add(step(cluster, instanceUrls, workload, users, duration, out,
                                workload == Workload.SYNC_CONES ? pgbench.get(users) : Double.NaN));
                    }
                }
            }
        }
        Path report = out.resolve("report.md");
        Files.writeString(report, new ReportWriter(steps, out, duration).markdown());
        System.out.println("capacity report: " + report);
    }

    private static void warmUp(LocalCluster cluster, Workload workload, int users, Path out) throws Exception {
        System.out.printf("%s: warming up with %s%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                workload.simulation);
        new GatlingRun(workload.simulation, Map.of("tap.url", cluster.url(), "users", String.valueOf(users),
                "duration", "15", "requests", "100000000")).run(out.resolve("warm-up"));
    }

    private static Step step(LocalCluster cluster, List<URI> instanceUrls, Workload workload, int users, int duration,
            Path out, double pgbenchRate) throws Exception {
        System.out.printf("%s: %s, %d instance(s), %d users...%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                workload.simulation, cluster.instances(), users);
        GatlingRun run = new GatlingRun(workload.simulation, Map.of("tap.url", cluster.url(),
                "users", String.valueOf(users), "duration", String.valueOf(duration), "requests", "100000000"));
        GatlingRun.Outcome outcome;
        ResourceSampler.Usage usage;
        try (ResourceSampler sampler = new ResourceSampler(cluster.instancePids(), cluster.redisPid().orElse(-1L),
                instanceUrls)) {
            outcome = run.run(out.resolve("gatling"));
            usage = sampler.usage();
        }
        if (outcome.report() == null) {
            throw new IllegalStateException(workload.simulation + " wrote no report; its output: " + outcome.output());
        }
        GatlingReport.Row figures = GatlingReport.read(outcome.report()).get(workload.row);
        if (figures == null) {
            throw new IllegalStateException("no row \"" + workload.row + "\" in " + outcome.report());
        }
        return new Step(workload, cluster.instances(), users, figures, usage, outcome.report(), pgbenchRate);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^-+", ""), args[i + 1]);
        }
        return options;
    }

    private static List<Integer> numbers(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
