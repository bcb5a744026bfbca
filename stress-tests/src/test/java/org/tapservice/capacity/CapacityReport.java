package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tapservice.cluster.LocalCluster;
import org.tapservice.cluster.Psql;
import org.tapservice.stress.AsyncThroughput;
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
 * <p>Then the cost of the result size ({@link ResultSizes}, and a million rows of BINARY2 against
 * psql, {@link StreamVsPsql}) on one instance, and of the number of jobs in the system
 * ({@link JobPopulation}) on a cluster of its own. The targets are judged last ({@link Targets}).
 * Options: {@link CapacityOptions}.
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

    /** Everything one run measured, for the report. */
    record Findings(CapacityOptions options, Optional<LightLoad> light, List<Step> steps, long demoRows,
            List<ResultSizes.Size> sizes, Optional<StreamVsPsql> binary2, List<JobPopulation.Count> jobs,
            Duration took) {
    }

    public static void main(String[] args) throws Exception {
        CapacityOptions options;
        try {
            options = CapacityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("capacity-report: " + e.getMessage() + "\nusage: " + CapacityOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        Psql database = new Psql(System.getenv().getOrDefault("TAP_DB", "tap"));

        List<Step> steps = new ArrayList<>();
        Map<Integer, Double> pgbench = new LinkedHashMap<>();
        List<ResultSizes.Size> sizes = new ArrayList<>();
        Optional<StreamVsPsql> binary2 = Optional.empty();
        long demoRows = 0;
        boolean load = options.parts().contains(CapacityOptions.Part.LOAD);
        boolean results = options.parts().contains(CapacityOptions.Part.RESULTS);
        boolean targets = options.parts().contains(CapacityOptions.Part.TARGETS);
        Optional<LightLoad> light = Optional.empty();
        List<Integer> instanceCounts = load ? options.instances() : List.of(1);
        if (targets && !instanceCounts.contains(1)) {
            instanceCounts = new ArrayList<>(instanceCounts);
            instanceCounts.addFirst(1);
        }
        if (load || results || targets) {
            for (int instances : instanceCounts) {
                // the cluster loads the demo catalogue if it is missing, a million rows for the BINARY2
                // target; its instances reach PostgreSQL as psql does, not through the proxy the fault
                // scenarios cut
                try (LocalCluster cluster = LocalCluster.start(options.port(), instances,
                        Map.of("TAP_CLUSTER_DEMO_ROWS", String.valueOf(Targets.BINARY2_ROWS),
                                "TAP_CLUSTER_POSTGRES", "direct"))) {
                    demoRows = database.count("SELECT count(*) FROM demo.stars");
                    List<URI> instanceUrls = new ArrayList<>();
                    for (int i = 1; i <= instances; i++) {
                        instanceUrls.add(URI.create("http://127.0.0.1:" + cluster.instancePort(i) + "/tap"));
                    }
                    if (targets && instances == 1) {
                        light = Optional.of(lightLoad(cluster, instanceUrls.getFirst(), options.duration(), pgbench));
                    }
                    if (load) {
                        for (int users : options.users()) {
                            pgbenchRate(pgbench, users, options.duration());
                        }
                    }
                    for (Workload workload : load && options.instances().contains(instances)
                            ? List.of(Workload.values()) : List.<Workload>of()) {
                        // a fresh JVM's first seconds (class loading, JIT) are no measure of its capacity
                        warmUp(cluster, workload, options.users().getLast(), out);
                        for (int users : options.users()) {
                            steps.add(step(cluster, instanceUrls, workload, users, options.duration(), out,
                                    workload == Workload.SYNC_CONES ? pgbench.get(users) : Double.NaN));
                        }
                    }
                    if (results && instances == instanceCounts.getFirst()) {
                        ServerMemory memory = new ServerMemory(instanceUrls.getFirst(), cluster.instancePids().getFirst());
                        long available = demoRows;
                        List<Integer> rows = options.rows().stream().filter(n -> n <= available).toList();
                        System.out.printf("%s: result sizes %s as %s%n", now(), rows, options.formats());
                        sizes.addAll(new ResultSizes(instanceUrls.getFirst(), memory).measure(options.formats(), rows));
                        System.out.printf("%s: %,d rows of BINARY2 against psql's \\copy%n", now(),
                                Math.min(Targets.BINARY2_ROWS, demoRows));
                        binary2 = Optional.of(StreamVsPsql.median(instanceUrls.getFirst(),
                                (int) Math.min(Targets.BINARY2_ROWS, demoRows), "votable/b2",
                                out.resolve("stream-vs-psql.txt")));
                    }
                }
            }
        }
        List<JobPopulation.Count> jobs = options.parts().contains(CapacityOptions.Part.JOBS)
                ? jobPopulation(options, database) : List.of();

        Findings findings = new Findings(options, light, steps, demoRows, sizes, binary2, jobs,
                Duration.ofNanos(System.nanoTime() - started));
        Path report = new ReportWriter(findings).write();
        System.out.println("capacity report: " + report);
    }

    /**
     * The job part, on a cluster of one instance with a database of its own (dropped before and
     * after: it holds nothing but the seeded jobs).
     */
    private static List<JobPopulation.Count> jobPopulation(CapacityOptions options, Psql database) throws Exception {
        String jobsDatabase = database.database() + "_capacity_jobs";
        Psql.dropDatabase(jobsDatabase);
        try (LocalCluster cluster = LocalCluster.start(options.port(), 1, JobPopulation.clusterEnvironment(jobsDatabase))) {
            return new JobPopulation(cluster, new Psql(jobsDatabase)).measure(options.jobs());
        } finally {
            Psql.dropDatabase(jobsDatabase);
        }
    }

    /**
     * The targets' light-client run on one instance: wrk's cone searches after a warm-up, on
     * the instance itself (as pgbench is on PostgreSQL itself) and through the load balancer,
     * pgbench at the same concurrency (kept for the load steps), then small async jobs.
     */
    private static LightLoad lightLoad(LocalCluster cluster, URI instance, int duration, Map<Integer, Double> pgbench)
            throws Exception {
        System.out.printf("%s: targets: warming up with wrk%n", now());
        List<Double> warmUp = Wrk.warmUp(instance, Targets.CONE_USERS, WarmUp.CONES);
        System.out.printf("%s: targets: warm after %d s of cones (q/s by round: %s)%n", now(),
                warmUp.size() * WarmUp.CONES.roundSeconds(), WarmUp.rounds(warmUp));
        System.out.printf("%s: targets: cone searches by wrk, %d connections%n", now(), Targets.CONE_USERS);
        Wrk.Run cones = Wrk.cones(instance, Targets.CONE_USERS, duration);
        Wrk.Run balanced = Wrk.cones(URI.create(cluster.url()), Targets.CONE_USERS, duration);
        double pgbenchRate = pgbenchRate(pgbench, Targets.CONE_USERS, duration);
        List<Double> jobWarmUp = warmUpJobs(cluster.url());
        System.out.printf("%s: targets: warm after %d rounds of jobs (jobs/s by round: %s)%n", now(),
                jobWarmUp.size(), WarmUp.rounds(jobWarmUp));
        int jobs = Math.max(1000, 100 * duration);
        List<LightLoad.JobRun> jobRuns = new ArrayList<>();
        for (int clients : LightLoad.JOB_CLIENTS) {
            System.out.printf("%s: targets: %d small async jobs, %d clients%n", now(), jobs, clients);
            jobRuns.add(new LightLoad.JobRun(clients, AsyncThroughput.measure(cluster.url(), clients, jobs, 0,
                    AsyncThroughput.DEFAULT_QUERY)));
        }
        return new LightLoad(warmUp, cones, balanced, Targets.CONE_USERS, pgbenchRate, jobWarmUp, jobRuns);
    }

    /**
     * Small async jobs in rounds until the job path is {@link WarmUp warm}: the cones' warm-up
     * compiled the sync path only.
     */
    private static List<Double> warmUpJobs(String url) throws Exception {
        int clients = LightLoad.JOB_CLIENTS.getLast();
        int jobsPerRound = (int) (Targets.ASYNC_JOBS_PER_SECOND * WarmUp.JOBS.roundSeconds());
        List<Double> rates = new ArrayList<>();
        while (!WarmUp.JOBS.done(rates)) {
            rates.add(AsyncThroughput.measure(url, clients, jobsPerRound, 0, AsyncThroughput.DEFAULT_QUERY)
                    .jobsPerSecond());
        }
        return List.copyOf(rates);
    }

    /** pgbench's rate for the cone's SQL at this many clients, measured once a run. */
    private static double pgbenchRate(Map<Integer, Double> measured, int clients, int duration)
            throws IOException, InterruptedException {
        Double rate = measured.get(clients);
        if (rate == null) {
            System.out.printf("%s: pgbench, %d clients...%n", now(), clients);
            rate = Pgbench.coneRate(clients, duration);
            measured.put(clients, rate);
        }
        return rate;
    }

    private static String now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void warmUp(LocalCluster cluster, Workload workload, int users, Path out) throws Exception {
        System.out.printf("%s: warming up with %s%n", now(),
                workload.simulation);
        new GatlingRun(workload.simulation, Map.of("tap.url", cluster.url(), "users", String.valueOf(users),
                "duration", "15", "requests", "100000000")).run(out.resolve("warm-up"));
    }

    private static Step step(LocalCluster cluster, List<URI> instanceUrls, Workload workload, int users, int duration,
            Path out, double pgbenchRate) throws Exception {
        System.out.printf("%s: %s, %d instance(s), %d users...%n", now(),
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
}
