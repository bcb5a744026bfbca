package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Authenticated users asking for more than their quota gives ({@link QuotaUsers}: HTTP Basic
 * users whose role allows few jobs EXECUTING and QUEUED, and a low sync rate). Each async user
 * works in rounds: it creates more jobs than its quota lets run or wait, runs them all at once,
 * and submits one more with PHASE=RUN at creation; each sync user sends cone searches until
 * refused, then waits as Retry-After says. A refusal is an expected answer and checked as
 * exactly that: HTTP 429 with the DALI error document naming the limit (the queued jobs' count
 * equal to the limit, never above it; the sync rate with Retry-After). Any other answer (500,
 * 503, a job ending in ERROR) fails the run. Every accepted job is followed with WAIT until it
 * ends, and must complete with its rows. At the end the simulation prints how many were
 * accepted and refused ({@link QuotaOutcomes}).
 */
public class QuotaUsersSimulation extends Simulation {

    /** An aggregate over a few times the catalogue: long enough that a user's round outruns its quota. */
    private static final String JOB_QUERY = "SELECT COUNT(*) AS n, AVG(s.phot_g_mean_mag) AS g"
            + " FROM demo.stars AS s, (SELECT TOP 5 source_id FROM demo.stars) AS k";

    private final Load load = Load.fromSystemProperties(4, 1_000);
    private final QuotaUsers quota = QuotaUsers.fromSystemProperties();
    private final QuotaOutcomes outcomes = new QuotaOutcomes();

    /** A round's jobs, created PENDING one after the other and kept in {@code jobs}. */
    private final ChainBuilder createRound = exec(session -> session.set("jobs", List.of()))
            .repeat(quota.burst()).on(
                    exec(http("quota job: create").post("/async").formParam("LANG", "ADQL").formParam("QUERY", JOB_QUERY)
                            .check(status().is(303), header("Location").saveAs("job")))
                            .exec(QuotaUsersSimulation::keepJob));

    /**
     * PHASE=RUN to every job of the round: the first alone, then the others at once (as a page's
     * resources are fetched), so that they meet the quota together however slow the machine:
     * the quota lets some QUEUED, refuses the rest (429, the message naming the queued-jobs limit
     * as reached, never passed), and the refused jobs stay PENDING.
     */
    private final ChainBuilder runRound = exec(run("#{jobs(0)}").resources(IntStream.range(1, quota.burst())
            .mapToObj(i -> run("#{jobs(" + i + ")}")).toArray(HttpRequestActionBuilder[]::new)));

    /**
     * One more job, created with PHASE=RUN while the round holds the quota: accepted (added to
     * the round) or refused, and then no job is created (so none is left PENDING for the client).
     */
    private final ChainBuilder createAndRun = exec(session -> session.remove("job").remove("status"))
            .exec(TapRequests.createRequest("quota job with PHASE=RUN", JOB_QUERY)
                    .check(status().in(303, 429).saveAs("status"))
                    .checkIf(TapRequests.answered(303)).then(header("Location").saveAs("job"))
                    .checkIf(TapRequests.answered(429)).then(substring(quota.queuedRefusal()).exists()))
            .exec(session -> {
                if (session.contains("job")) {
                    return keepJob(session);
                }
                if (session.contains("status")) {
                    outcomes.job(false);
                }
                return session;
            });

    /**
     * Each job of the round: one whose RUN was refused is still PENDING and is deleted, as a
     * client gives it up; every other is followed until it ends and must complete.
     */
    private final ChainBuilder settleRound = foreach("#{jobs}", "job").on(
            exec(http("quota job: phase").get("#{job}/phase").check(status().is(200), bodyString().saveAs("phase")))
                    .doIfOrElse(session -> "PENDING".equals(session.getString("phase"))).then(
                            exec(session -> {
                                outcomes.job(false);
                                return session;
                            })
                            .exec(http("quota job: delete refused").delete("#{job}").check(status().is(303))))
                    .orElse(
                            exec(session -> {
                                outcomes.job(true);
                                return session;
                            })
                            .group("quota job").on(TapRequests.follow("quota job"))
                            .exec(session -> {
                                if ("COMPLETED".equals(session.getString("phase"))) {
                                    outcomes.jobCompleted();
                                }
                                return session;
                            })));

    private final ScenarioBuilder asyncUsers = scenario("quota users: async jobs").feed(quota.feeder())
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    exec(createRound, runRound, createAndRun, settleRound));

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

    private HttpRequestActionBuilder run(String job) {
        return http("quota job: run").post(job + "/phase").formParam("PHASE", "RUN")
                .check(status().in(303, 429))
                .checkIf(TapRequests.answered(429)).then(substring(quota.queuedRefusal()).exists());
    }

    /** Adds the job just created to the round's. */
    private static Session keepJob(Session session) {
        List<String> jobs = new ArrayList<>(session.getList("jobs"));
        jobs.add(session.getString("job"));
        return session.set("jobs", jobs);
    }

    @Override
    public void after() {
        System.out.println(outcomes.summary().line());
    }
}
