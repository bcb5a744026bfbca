package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * A burst of async submissions at the same instant (a script looping over a target list, or a
 * class of students pressing Run at once): every job is queued, run by whichever instance has a
 * free worker, and completes. {@code -Dusers} is the burst size; each user submits
 * {@code -Drequests} jobs one after the other.
 */
public class AsyncBurstSimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(100, 1);

    private final ScenarioBuilder burst = scenario("async burst")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    TapRequests.asyncJob("burst job", "SELECT TOP 10 source_id, ra, dec FROM demo.stars"));

    {
        setUp(burst.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
