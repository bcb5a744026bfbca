package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.stream.IntStream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Clients that block: each user submits a job that scans the catalogue and has
 * {@code -Dwatchers} (default 10) more connections WAIT on it at once, as notebooks and
 * dashboards polling the same job do. Blocking WAITs must cost the service no thread of its
 * own and all return when the job moves on.
 */
public class WaitHeavySimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(8, 1_000);
    private final int watchers = Integer.getInteger("watchers", 10);

    private final HttpRequestActionBuilder[] watching = IntStream.range(0, watchers)
            .mapToObj(i -> http("watcher WAIT").get("#{job}?WAIT=30").check(status().is(200)))
            .toArray(HttpRequestActionBuilder[]::new);

    private final ScenarioBuilder users = scenario("WAIT-heavy clients")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    exec(TapRequests.create("scan job", "SELECT COUNT(*) AS n, AVG(s.phot_g_mean_mag) AS g"
                            + " FROM demo.stars AS s, (SELECT TOP 2 source_id FROM demo.stars) AS k"))
                            .exec(http("first WAIT").get("#{job}?WAIT=30").check(status().is(200)).resources(watching))
                            .exec(session -> session.set("phase", "EXECUTING"))
                            .asLongAs(session -> !session.getString("phase").matches("COMPLETED|ERROR|ABORTED")
                                    && session.getInt("waits") < 40, "waits")
                            .on(exec(TapRequests.waitForPhaseChange("scan job: wait")))
                            .exec(http("scan job: result").get("#{job}/results/result").check(status().is(200))));

    {
        setUp(users.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
