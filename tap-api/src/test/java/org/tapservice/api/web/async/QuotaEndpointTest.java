package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.tapservice.state.redis.JobKeys;
import org.tapservice.state.redis.RedisQuotaLedger;

/**
 * What a client over its quota is told: PHASE=RUN beyond the queued-jobs limit is refused with
 * 429 and a DALI error document saying why and what to do, a job created with it is not
 * created at all and one already PENDING stays so; synchronous queries beyond the rate are
 * refused the same way, with Retry-After. The instance runs no jobs, so queued ones stay queued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaEndpointTest {

    private static final String QUERY = "SELECT TOP 1 id FROM science.sources";

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient client;

    @BeforeAll
    void start() {
        client = new UwsClient(instances.start(0, Map.of("tap.quotas.anonymous.queued-jobs", "2",
                "tap.quotas.anonymous.sync-rate", "2/1h")));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void runBeyondTheQueuedJobsQuotaIsRefusedWith429AndAnErrorDocumentAndTheJobStaysPending() throws Exception {
        String pending = client.create("LANG", "ADQL", "QUERY", QUERY);
        fillTheQueue();

        HttpResponse<String> refused = client.post(client.job(pending) + "/phase", "PHASE", "RUN");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertIsErrorDocument(refused, "you have 2 jobs QUEUED, the most your quota allows (2)");
        assertThat(refused.body()).contains("the job stays PENDING");
        assertThat(client.phase(pending)).isEqualTo("PENDING");
    }

    @Test
    void aCreationWithRunBeyondTheQuotaCreatesNoJob() throws Exception {
        fillTheQueue();
        long anonymousJobs = anonymousJobs();

        HttpResponse<String> refused = client.post(client.jobList(), "LANG", "ADQL", "QUERY", QUERY, "PHASE", "RUN");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertIsErrorDocument(refused, "jobs QUEUED, the most your quota allows (2)");
        assertThat(anonymousJobs()).as("jobs listed").isEqualTo(anonymousJobs);
    }

    @Test
    void syncQueriesBeyondTheRateAreRefusedWith429AndRetryAfter() throws Exception {
        String sync = client.jobList().replace("/async", "/sync")
                + "?LANG=ADQL&QUERY=SELECT+TOP+1+id+FROM+science.sources";
        assertThat(client.get(sync).statusCode()).isEqualTo(200);
        assertThat(client.get(sync).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = client.get(sync);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertIsErrorDocument(refused, "too many synchronous queries: your quota allows bursts of 2");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // one request of two an hour comes back within half an hour
        assertThat(retryAfter).isBetween(1L, 1800L);
    }

    /** Two jobs QUEUED (no instance runs them), or as many as are left to reach two. */
    private void fillTheQueue() throws Exception {
        while (instances.bean(0, RedisQuotaLedger.class).usage(Optional.empty())
                .queuedJobs() < 2) {
            client.submit(QUERY);
        }
    }

    private long anonymousJobs() {
        StringRedisTemplate redis = new StringRedisTemplate(instances.bean(0, RedisConnectionFactory.class));
        return redis.opsForZSet().size(instances.bean(0, JobKeys.class).ownerIndex(Optional.empty()));
    }

    private static void assertIsErrorDocument(HttpResponse<String> response, String message) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-votable+xml"));
        assertThat(response.body()).contains("<INFO name=\"QUERY_STATUS\" value=\"ERROR\"").contains(message);
    }
}
