package org.tapservice.capacity;

import java.util.List;

import org.tapservice.stress.AsyncThroughput;

/**
 * The targets' figures measured with light clients on one instance: cone searches by wrk on
 * the instance itself, as pgbench runs on PostgreSQL itself, beside pgbench's rate for the same
 * SQL at the same concurrency (and through the load balancer, for the deployment's figure), and
 * small async jobs through the load balancer by the Java HTTP client of {@code stress-tests}
 * (create with PHASE=RUN, WAIT, fetch). On a machine of two cores the load generator's own CPU is taken from the service:
 * these clients take little, Gatling much, so the targets are judged on these.
 *
 * @param warmUp          the rates of the cone searches' warm-up rounds ({@link WarmUp#CONES})
 * @param cones           the cone searches' run on the instance
 * @param balancedCones   the same through the load balancer
 * @param coneConnections its concurrency, pgbench's too
 * @param pgbenchRate     pgbench's queries per second for the same SQL
 * @param jobs            the async jobs' run
 * @param jobClients      how many clients ran jobs at once
 */
record LightLoad(List<Double> warmUp, Wrk.Run cones, Wrk.Run balancedCones, int coneConnections, double pgbenchRate, AsyncThroughput.Result jobs,
        int jobClients) {

    /** Concurrent clients of the async jobs' run: enough to keep the workers busy, few enough for a low p50. */
    static final int JOB_CLIENTS = 8;
}
