package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Small async jobs back to back, each created with PHASE=RUN, followed with WAIT and its result
 * fetched: the async path's throughput and end-to-end latency (the "small async job" of the
 * capacity report).
 */
public class AsyncJobsSimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(8, 10_000);

    private final ScenarioBuilder users = scenario("async jobs")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    TapRequests.asyncJob("small job", "SELECT TOP 10 source_id, ra, dec FROM demo.stars"));

    {
        setUp(users.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
