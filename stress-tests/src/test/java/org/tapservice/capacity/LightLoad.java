package org.tapservice.capacity;

import java.util.List;

import org.tapservice.stress.AsyncThroughput;

/**
 * The targets' figures measured with light clients on one instance: cone searches by wrk on
 * the instance itself, as pgbench runs on PostgreSQL itself, beside pgbench's rate for the same
 * SQL at the same concurrency (and through the load balancer, for the deployment's figure), and
 * small async jobs through the load balancer by the blocking HTTP client of {@code stress-tests}
 * (create with PHASE=RUN, WAIT, fetch), at a few concurrencies. On a machine of two cores the load
 * generator's own CPU is taken from the service: these clients take little, Gatling much, so the
 * targets are judged on these.
 *
 * @param warmUp          the rates of the cone searches' warm-up rounds ({@link WarmUp#CONES})
 * @param cones           the cone searches' run on the instance
 * @param balancedCones   the same through the load balancer
 * @param coneConnections its concurrency, pgbench's too
 * @param pgbenchRate     pgbench's queries per second for the same SQL
 * @param jobWarmUp       the rates of the async jobs' warm-up rounds ({@link WarmUp#JOBS})
 * @param jobs            the async jobs' runs, one per concurrency of {@link #JOB_CLIENTS}
 */
record LightLoad(List<Double> warmUp, Wrk.Run cones, Wrk.Run balancedCones, int coneConnections, double pgbenchRate,
        List<Double> jobWarmUp, List<JobRun> jobs) {

    /**
     * Concurrent clients of the async jobs' runs. A job's latency is about the clients in flight
     * over the rate, so past the few that keep two cores busy more clients only add to the p50:
     * measured at 4, 6 and 8 clients on one instance, 139, 113 and 115 jobs/s with p50 26, 47 and
     * 62 ms.
     */
    static final List<Integer> JOB_CLIENTS = List.of(4, 6, 8);

    LightLoad {
        warmUp = List.copyOf(warmUp);
        jobWarmUp = List.copyOf(jobWarmUp);
        jobs = List.copyOf(jobs);
    }

    /** One run of small async jobs: how many clients ran them at once, and what they measured. */
    record JobRun(int clients, AsyncThroughput.Result result) {
    }
}
