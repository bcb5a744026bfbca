package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Authenticated users asking for more than their quota gives ({@link QuotaUsers}: HTTP Basic
 * users whose role allows few jobs EXECUTING and QUEUED, and a low sync rate). Each async user
 * submits rounds of jobs back to back (PHASE=RUN at creation), more than its jobs executing and
 * queued may be; each sync user sends cone searches until refused, then waits as Retry-After
 * says. A refusal is an expected answer and checked as exactly that: HTTP 429 with the DALI
 * error document naming the limit (the queued jobs' count equal to the limit, never above it;
 * the sync rate with Retry-After). Any other answer (500, 503, a job ending in ERROR) fails the
 * run. Every accepted job is followed with WAIT until it ends, and must complete with its rows.
 * At the end the simulation prints how many were accepted and refused ({@link QuotaOutcomes}).
 */
public class QuotaUsersSimulation extends Simulation {

    /** An aggregate over a few times the catalogue: long enough that a user's round outruns its quota. */
    private static final String JOB_QUERY = "SELECT COUNT(*) AS n, AVG(s.phot_g_mean_mag) AS g"
            + " FROM demo.stars AS s, (SELECT TOP 5 source_id FROM demo.stars) AS k";

    private final Load load = Load.fromSystemProperties(4, 1_000);
    private final QuotaUsers quota = QuotaUsers.fromSystemProperties();
    private final QuotaOutcomes outcomes = new QuotaOutcomes();

    /** One PHASE=RUN creation: accepted (303, the job kept in {@code jobs}) or refused by the queued-jobs quota. */
    private final ChainBuilder submission = exec(session -> session.remove("job").remove("status"))
            .exec(TapRequests.createRequest("quota job", JOB_QUERY)
                    .check(status().in(303, 429).saveAs("status"))
                    .checkIf(TapRequests.answered(303)).then(header("Location").saveAs("job"))
                    .checkIf(TapRequests.answered(429)).then(substring(quota.queuedRefusal()).exists()))
            .exec(session -> {
                if (session.contains("job")) {
                    outcomes.job(true);
                    List<String> jobs = new ArrayList<>(session.getList("jobs"));
                    jobs.add(session.getString("job"));
                    return session.set("jobs", jobs);
                }
                if (session.contains("status")) {
                    outcomes.job(false);
                }
                return session;
            });

    private final ScenarioBuilder asyncUsers = scenario("quota users: async jobs").feed(quota.feeder())
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    exec(session -> session.set("jobs", List.of()))
                            .repeat(quota.burst()).on(submission)
                            .foreach("#{jobs}", "job").on(
                                    group("quota job").on(TapRequests.follow("quota job"))
                                            .exec(session -> {
                                                if ("COMPLETED".equals(session.getString("phase"))) {
                                                    outcomes.jobCompleted();
                                                }
                                                return session;
                                            })));

    private final ScenarioBuilder syncUsers = scenario("quota users: sync queries").feed(quota.feeder())
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    feed(Cones.feeder(0.1))
                            .exec(session -> session.remove("status").remove("retryAfter"))
                            .exec(TapRequests.syncRequest("quota sync cone", "#{cone}", "votable")
                                    .check(status().in(200, 429).saveAs("status"))
                                    .checkIf(TapRequests.answered(200)).then(regex(TapRequests.OK).exists())
                                    .checkIf(TapRequests.answered(429)).then(substring(quota.syncRefusal()).exists(),
                                            header("Retry-After").transform(Integer::valueOf).saveAs("retryAfter")))
                            .exec(session -> {
                                if (session.contains("status")) {
                                    outcomes.sync(session.getInt("status") == 200);
                                }
                                return session;
                            })
                            .doIf(session -> session.contains("retryAfter")).then(
                                    pause(session -> Duration.ofSeconds(session.getInt("retryAfter")))));

    {
        setUp(asyncUsers.injectOpen(atOnceUsers(load.users())), syncUsers.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load).basicAuth("#{user}", quota.password()))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        System.out.println(outcomes.summary().line());
    }
}
