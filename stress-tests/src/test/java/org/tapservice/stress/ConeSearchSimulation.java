package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/** Many users each sending small sync cone searches back to back: the archive's daily load. */
public class ConeSearchSimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(16, 10_000);

    private final ScenarioBuilder users = scenario("sync cone searches")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    feed(Cones.feeder(0.1)).exec(TapRequests.sync("sync cone", "#{cone}", "votable")
                            .check(regex(TapRequests.OK).exists())));

    {
        setUp(users.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
