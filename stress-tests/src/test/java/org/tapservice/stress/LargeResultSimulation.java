package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Users downloading large results at the same time ({@code -Drows}, default a million rows of
 * demo.stars, as BINARY2 or {@code -Dformat}): each download must arrive whole while the
 * others stream, and the service's memory must not grow with them (watch its heap meanwhile).
 */
public class LargeResultSimulation extends Simulation {

    private final Load load = Load.fromSystemProperties(2, 3);
    private final int rows = Integer.getInteger("rows", 1_000_000);
    private final String format = System.getProperty("format", "votable/b2");

    private final ScenarioBuilder users = scenario("large downloads")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    TapRequests.sync("download " + rows + " rows " + format,
                            "SELECT TOP %d * FROM demo.stars".formatted(rows), format)
                            .formParam("MAXREC", String.valueOf(rows))
                            // every row carries more than 50 bytes in every format
                            .check(bodyLength().gt(rows * 50))
                            .requestTimeout(Duration.ofMinutes(10)));

    {
        setUp(users.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
