package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.api.metrics.Scrape;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Lease;
import org.tapservice.state.redis.JobKeys;
import org.tapservice.state.redis.RedisJobQueue;

/**
 * The job metrics of /actuator/prometheus, each read after making its event happen with real
 * instances on the test Redis and PostgreSQL: jobs counted in the phase they are in
 * ({@code tap_jobs}, exact, the same on every instance) and each phase reached by the instance
 * whose step reached it ({@code tap_job_transitions_total}); jobs left by an instance that died
 * taken over ({@code tap_job_takeovers_total}) or, once started as often as allowed, given up
 * ({@code tap_job_attempts_exhausted_total}); and what each quota limit stopped
 * ({@code tap_quota_refusals_total}).
 *
 * <p>The instances share a namespace of their own, so the gauges count this class's jobs only;
 * the tests build on one another's state, hence their order. The first instance runs no jobs,
 * so that jobs stay QUEUED until the second one starts; a RUN sent to the second records an
 * executing-jobs limit of one job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsMetricsTest {

    private static final String QUICK = "SELECT TOP 1 id FROM science.sources";
    /** Room for a few one-row VOTables, not for three columns of every source a thousand times over. */
    private static final int STORED_BYTES = 6000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient requests;
    private UwsClient workers;

    @BeforeAll
    void start() {
        requests = new UwsClient(instances.start(0, Map.of("tap.quotas.anonymous.queued-jobs", "2",
                "tap.quotas.anonymous.sync-rate", "2/1h", "tap.quotas.anonymous.stored-bytes", STORED_BYTES + "B")));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    @Order(1)
    void aJobIsCountedInItsPhaseAndEachPhaseItReachesIsCountedOnceByTheInstanceThatMovedIt() throws Exception {
        String job = requests.create("LANG", "ADQL", "QUERY", QUICK);
        awaitJobs(1, 0, 0);

        assertThat(requests.post(requests.job(job) + "/phase", "PHASE", "RUN").statusCode()).isEqualTo(303);
        awaitJobs(0, 1, 0);
        assertThat(scrape(0).sample("tap_job_transitions_total", "phase=\"QUEUED\"")).isEqualTo(1);

        assertThat(requests.post(requests.job(job) + "/phase", "PHASE", "ABORT").statusCode()).isEqualTo(303);
        awaitJobs(0, 0, 0);
        assertThat(scrape(0).sample("tap_job_transitions_total", "phase=\"ABORTED\"")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void requestsRefusedByAQuotaAreCountedByTheLimitThatRefusedThem() throws Exception {
        String first = requests.submit(QUICK);
        String second = requests.submit(QUICK);
        assertThat(scrape(0).sample("tap_quota_refusals_total", "quota=\"queued-jobs\"")).isZero();

        HttpResponse<String> third = requests.post(requests.jobList(), "LANG", "ADQL", "QUERY", QUICK, "PHASE", "RUN");
        assertThat(third.statusCode()).isEqualTo(429);
        String sync = requests.jobList().replace("/async", "/sync")
                + "?LANG=ADQL&QUERY=SELECT+TOP+1+id+FROM+science.sources";
        for (int allowed = 0; allowed < 2; allowed++) {
            assertThat(requests.get(sync).statusCode()).isEqualTo(200);
        }
        assertThat(requests.get(sync).statusCode()).isEqualTo(429);

        Scrape scrape = scrape(0);
        assertThat(scrape.sample("tap_quota_refusals_total", "quota=\"queued-jobs\"")).isEqualTo(1);
        assertThat(scrape.sample("tap_quota_refusals_total", "quota=\"sync-rate\"")).isEqualTo(1);
        assertThat(scrape.sample("tap_quota_refusals_total", "quota=\"stored-bytes\"")).isZero();
        awaitJobs(0, 2, 0);
        for (String job : new String[] {first, second}) {
            assertThat(requests.post(requests.job(job) + "/phase", "PHASE", "ABORT").statusCode()).isEqualTo(303);
        }
        awaitJobs(0, 0, 0);
    }

    @Test
    @Order(3)
    void jobsLeftByInstancesThatDiedAreTakenOverOrGivenUpAndEachIsCounted() throws Exception {
        // an instance that claims and dies: its leases are never renewed
        RedisJobQueue dead = new RedisJobQueue(instances.bean(0, LettuceConnectionFactory.class),
                instances.bean(0, JobKeys.class));
        String takenOver = requests.submit(QUICK);
        assertThat(dead.claim(Duration.ofSeconds(5), Instant.now()).map(Lease::id))
                .contains(new JobId(takenOver));
        String givenUp = requests.submit(QUICK);
        for (int attempt = 1; attempt <= 3; attempt++) {
            // each lease lapses at once: the next claim takes the job over, as a third instance would
            assertThat(dead.claim(Duration.ofMillis(1), Instant.now()).map(Lease::id)).as("attempt %d", attempt)
                    .contains(new JobId(givenUp));
            Thread.sleep(20);
        }
        awaitJobs(0, 0, 2);

        // a RUN sent here records an executing-jobs limit of 1 (the fourth test's)
        workers = new UwsClient(instances.start(2, Map.of("tap.quotas.anonymous.executing-jobs", "1")));

        assertThat(workers.awaitEnd(givenUp)).isEqualTo("ERROR");
        assertThat(workers.awaitEnd(takenOver)).isEqualTo("COMPLETED");
        Scrape scrape = scrape(1);
        assertThat(scrape.sample("tap_job_attempts_exhausted_total", "")).isEqualTo(1);
        assertThat(scrape.sample("tap_job_takeovers_total", "")).isEqualTo(1);
        assertThat(scrape.sample("tap_job_transitions_total", "phase=\"ERROR\"")).isEqualTo(1);
        assertThat(scrape.sample("tap_job_transitions_total", "phase=\"COMPLETED\"")).isEqualTo(1);
        assertThat(scrape.sample("tap_job_transitions_total", "phase=\"EXECUTING\"")).as("no claim of a QUEUED job")
                .isZero();
        awaitJobs(0, 0, 0);
    }

    @Test
    @Order(4)
    void aJobKeptQueuedByItsOwnersExecutingLimitIsCountedWhileItWaits() throws Exception {
        SlowTable.install(instances.database());
        instances.refreshCatalogues();
        try {
            String running = workers.submit(SlowTable.QUERY);
            awaitJobs(0, 0, 1);
            String waiting = workers.submit(QUICK);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(scrape(1).sample("tap_quota_refusals_total",
                    "quota=\"executing-jobs\"")).isPositive());
            assertThat(requests.phase(waiting)).isEqualTo("QUEUED");
            awaitJobs(0, 1, 1);

            assertThat(requests.post(requests.job(running) + "/phase", "PHASE", "ABORT").statusCode()).isEqualTo(303);
            assertThat(workers.awaitEnd(waiting)).isEqualTo("COMPLETED");
        } finally {
            SlowTable.remove(instances.database());
        }
    }

    @Test
    @Order(5)
    void aResultStoppedByItsOwnersStorageQuotaIsCounted() throws Exception {
        String large = requests.submit("SELECT a.id, a.ra, a.dec FROM science.sources AS a, science.sources AS b,"
                + " science.sources AS c");

        assertThat(workers.awaitEnd(large)).isEqualTo("ERROR");
        assertThat(scrape(1).sample("tap_quota_refusals_total", "quota=\"stored-bytes\"")).isEqualTo(1);
    }

    /** Waits until the gauges, the same on every instance, count these jobs PENDING, QUEUED and EXECUTING. */
    private void awaitJobs(int pending, int queued, int executing) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Scrape scrape = scrape(0);
            assertThat(new int[] {(int) scrape.sample("tap_jobs", "phase=\"PENDING\""),
                    (int) scrape.sample("tap_jobs", "phase=\"QUEUED\""),
                    (int) scrape.sample("tap_jobs", "phase=\"EXECUTING\"")})
                    .as("jobs PENDING, QUEUED, EXECUTING").containsExactly(pending, queued, executing);
        });
    }

    private Scrape scrape(int instance) throws Exception {
        return Scrape.of(instances.url(instance));
    }
}
