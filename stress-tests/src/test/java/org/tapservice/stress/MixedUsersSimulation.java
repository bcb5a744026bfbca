package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * A working day's mix at once: most users send sync cone searches, some run async jobs that
 * scan the catalogue (an aggregate over every row), a few download large results. The sync
 * users' latency under the async and download load is what this shows.
 */
public class MixedUsersSimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(12, 10_000);
    private final int asyncUsers = Math.max(1, load.users() / 4);
    private final int downloadUsers = Math.max(1, load.users() / 12);
    private final int downloadRows = Integer.getInteger("rows", 100_000);

    private final ScenarioBuilder sync = scenario("sync users")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    feed(Cones.feeder(0.1)).exec(TapRequests.sync("sync cone", "#{cone}", "votable")
                            .check(regex(TapRequests.OK).exists())));

    private final ScenarioBuilder async = scenario("async users")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    TapRequests.asyncJob("scan job", "SELECT spectral_type, COUNT(*) AS n, AVG(phot_g_mean_mag) AS g"
                            + " FROM demo.stars GROUP BY spectral_type"));

    private final ScenarioBuilder downloads = scenario("download users")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    TapRequests.sync("large download", "SELECT TOP %d * FROM demo.stars".formatted(downloadRows),
                            "votable/b2"));

    {
        setUp(sync.injectOpen(atOnceUsers(load.users() - asyncUsers - downloadUsers)),
                async.injectOpen(atOnceUsers(asyncUsers)),
                downloads.injectOpen(atOnceUsers(downloadUsers)))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
