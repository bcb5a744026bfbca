package org.tapservice.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service's capacity targets (issue 10), each judged on this run's figures: cone searches
 * at 16 connections beside pgbench, small async jobs per second, and a million rows of BINARY2
 * beside psql's {@code \copy}. The first two are judged on the light clients' run
 * ({@link LightLoad}) when there was one.
 */
final class Targets {

    /** One target: what it asks, what was measured against it, and whether that meets it. */
    record Target(String goal, String measured, Optional<Boolean> met) {

        String verdict() {
            return met.map(yes -> yes ? "met" : "**not met**").orElse("not measured");
        }
    }

    static final int CONE_USERS = 16;
    static final double CONE_RATIO = 0.3;
    static final long CONE_P50_MILLIS = 10;
    static final double ASYNC_JOBS_PER_SECOND = 100;
    static final long ASYNC_P50_MILLIS = 50;
    static final int BINARY2_ROWS = 1_000_000;

    private Targets() {
    }

    /**
     * The targets, judged on the light clients' figures where this run measured them, else on
     * the Gatling steps.
     */
    static List<Target> judge(List<CapacityReport.Step> steps, Optional<LightLoad> light,
                              Optional<StreamVsPsql> binary2) {
        List<Target> targets = new ArrayList<>();
        if (light.isPresent()) {
            targets.add(cones(light.get()));
            targets.add(asyncJobs(light.get()));
        } else {
            targets.addAll(cones(steps));
            targets.add(asyncJobs(steps));
        }
        targets.add(binary2(binary2));
        return targets;
    }

    private static String coneGoal() {
        return "random TOP 100 cone queries at %d connections: %.1fx pgbench's rate or more for the same SQL,"
                .formatted(CONE_USERS, CONE_RATIO) + " p50 under " + CONE_P50_MILLIS + " ms";
    }

    private static String asyncGoal() {
        return "small async jobs (create with PHASE=RUN, wait, fetch): %.0f jobs/s or more with p50 under %d ms"
                .formatted(ASYNC_JOBS_PER_SECOND, ASYNC_P50_MILLIS);
    }

    private static Target cones(LightLoad light) {
        double ratio = light.cones().perSecond() / light.pgbenchRate();
        return new Target(coneGoal() + " (1 instance, wrk)", String.format(Locale.ROOT,
                "%s at %d connections against pgbench's %.0f q/s: %.2fx (through HAProxy: %s; warm-up rounds %s q/s)",
                light.cones().summary(), light.coneConnections(), light.pgbenchRate(), ratio,
                light.balancedCones().summary(),
                WarmUp.rounds(light.warmUp())),
                Optional.of(light.coneConnections() == CONE_USERS && ratio >= CONE_RATIO
                        && light.cones().p50Millis() < CONE_P50_MILLIS && light.cones().failed() == 0));
    }

    /** Judged as the steps are: on the busiest run whose p50 is within the bound. */
    private static Target asyncJobs(LightLoad light) {
        String runs = light.jobs().stream().map(run -> String.format(Locale.ROOT,
                "%d clients: %.1f jobs/s, p50 %.1f ms (%d jobs; per job %s)", run.clients(),
                run.result().jobsPerSecond(), run.result().p50Millis(), run.result().jobs(), run.result().latencies()))
                .collect(Collectors.joining("; ", "", "; warm-up rounds " + WarmUp.rounds(light.jobWarmUp()) + " jobs/s"));
        Optional<LightLoad.JobRun> best = light.jobs().stream()
                .filter(run -> run.result().p50Millis() < ASYNC_P50_MILLIS)
                .max(Comparator.comparingDouble(run -> run.result().jobsPerSecond()));
        String goal = asyncGoal() + " (1 instance, blocking HTTP client)";
        return best.map(run -> new Target(goal, String.format(Locale.ROOT, "%.1f jobs/s with p50 %.1f ms at %d"
                        + " clients (%s)", run.result().jobsPerSecond(), run.result().p50Millis(), run.clients(), runs),
                        Optional.of(run.result().jobsPerSecond() >= ASYNC_JOBS_PER_SECOND)))
                .orElseGet(() -> new Target(goal, "no run had p50 under " + ASYNC_P50_MILLIS + " ms (" + runs + ")",
                        Optional.of(false)));
    }

    /** Random TOP 100 cone queries at 16 connections: 0.3x pgbench's rate or more, p50 under 10 ms. */
    private static List<Target> cones(List<CapacityReport.Step> steps) {
        String goal = coneGoal();
        List<Target> targets = steps.stream()
                .filter(s -> s.workload() == CapacityReport.Workload.SYNC_CONES && s.users() == CONE_USERS)
                .map(s -> {
                    double ratio = s.figures().perSecond() / s.pgbenchRate();
                    return new Target(goal + " (" + instances(s.instances()) + ")", String.format(Locale.ROOT,
                            "%.0f q/s against pgbench's %.0f: %.2fx; p50 %d ms", s.figures().perSecond(),
                            s.pgbenchRate(), ratio, s.figures().p50()),
                            Optional.of(ratio >= CONE_RATIO && s.figures().p50() < CONE_P50_MILLIS
                                    && s.figures().ko() == 0));
                }).toList();
        return targets.isEmpty() ? List.of(new Target(goal, "no step at " + CONE_USERS + " users in this run",
                Optional.empty())) : targets;
    }

    /**
     * Small async jobs (create with PHASE=RUN, wait, fetch): 100 jobs/s or more with p50 under
     * 50 ms, judged on the step with the most jobs per second among those within the latency bound.
     */
    private static Target asyncJobs(List<CapacityReport.Step> steps) {
        String goal = asyncGoal();
        List<CapacityReport.Step> jobs = steps.stream()
                .filter(s -> s.workload() == CapacityReport.Workload.ASYNC_JOBS).toList();
        if (jobs.isEmpty()) {
            return new Target(goal, "no async step in this run", Optional.empty());
        }
        Optional<CapacityReport.Step> best = jobs.stream()
                .filter(s -> s.figures().p50() < ASYNC_P50_MILLIS && s.figures().ko() == 0)
                .max(Comparator.comparingDouble(s -> s.figures().perSecond()));
        if (best.isEmpty()) {
            CapacityReport.Step fastest = jobs.stream().min(Comparator.comparingLong(s -> s.figures().p50())).orElseThrow();
            return new Target(goal, String.format(Locale.ROOT, "no step had p50 under %d ms (lowest: %d ms at %d users,"
                    + " %s, %.1f jobs/s)", ASYNC_P50_MILLIS, fastest.figures().p50(), fastest.users(),
                    instances(fastest.instances()), fastest.figures().perSecond()), Optional.of(false));
        }
        CapacityReport.Step step = best.get();
        return new Target(goal, String.format(Locale.ROOT, "%.1f jobs/s with p50 %d ms (%d users, %s)",
                step.figures().perSecond(), step.figures().p50(), step.users(), instances(step.instances())),
                Optional.of(step.figures().perSecond() >= ASYNC_JOBS_PER_SECOND));
    }

    /** 1,000,000 rows of BINARY2 at psql \copy's rate or better. */
    private static Target binary2(Optional<StreamVsPsql> race) {
        String goal = "%,d rows of BINARY2 at psql \\copy's rate or better".formatted(BINARY2_ROWS);
        return race.map(r -> new Target(goal, String.format(Locale.ROOT,
                        "%,d rows: the service %.2f s (%.0f rows/s, %d MB), psql \\copy %.2f s (%.0f rows/s): %.2fx psql's rate%s",
                        r.rows(), r.serviceSeconds(), r.rows() / r.serviceSeconds(), r.megabytes(), r.psqlSeconds(),
                        r.rows() / r.psqlSeconds(), r.ratio(), r.rows() < BINARY2_ROWS
                                ? " (demo.stars holds fewer rows than the target's: load more with bin/tap admin demo)" : ""),
                        r.rows() < BINARY2_ROWS ? Optional.<Boolean>empty() : Optional.of(r.ratio() >= 1.0)))
                .orElse(new Target(goal, "not run", Optional.empty()));
    }

    private static String instances(int n) {
        return n + (n == 1 ? " instance" : " instances");
    }
}
