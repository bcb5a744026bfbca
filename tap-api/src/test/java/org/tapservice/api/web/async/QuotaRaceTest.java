package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.tapservice.core.quota.QuotaUsage;
import org.tapservice.core.uws.JobId;
import org.tapservice.state.redis.JobKeys;
import org.tapservice.state.redis.RedisQuotaLedger;

/**
 * An owner's executing-jobs quota holds across instances: many clients submitting at once to
 * three instances, each with more workers than the quota, never have more of the owner's jobs
 * EXECUTING than it allows, every job still ends, and the counts are back to nothing at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaRaceTest {

    private static final int LIMIT = 5;
    /** Each query sleeps a moment in PostgreSQL, so that jobs overlap and the quota is what stops them. */
    private static final String QUERY = "SELECT id FROM science.brief";

    private final ServiceInstances instances = new ServiceInstances();
    private final List<UwsClient> clients = new ArrayList<>();

    @BeforeAll
    void start() {
        for (int i = 0; i < 3; i++) {
            clients.add(new UwsClient(instances.start(4, Map.of(
                    "tap.quotas.anonymous.executing-jobs", Integer.toString(LIMIT)))));
        }
        instances.database().execute("""
                CREATE SCHEMA IF NOT EXISTS science;
                CREATE OR REPLACE VIEW science.brief AS SELECT 1 AS id FROM pg_sleep(0.15);
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('science', 'science.brief', 'view', 'Sleeps a moment');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, description,
                     principal, indexed, std, column_index)
                VALUES ('science.brief', 'id', 'int', 'One', 1, 0, 0, 0);
                """);
        instances.refreshCatalogues();
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void twoHundredSubmissionsFromTwentyThreadsOverThreeInstancesNeverRunMoreThanTheQuotaAtOnce() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        AtomicInteger mostExecuting = new AtomicInteger();
        AtomicInteger mostQueries = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(21)) {
            Future<Integer> sampler = threads.submit(() -> sample(ids, submitting, mostExecuting, mostQueries));
            try {
                List<Future<?>> submitters = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    int thread = t;
                    submitters.add(threads.submit(() -> {
                        for (int n = 0; n < 10; n++) {
                            UwsClient client = clients.get((thread + n) % 3);
                            ids.add(client.submit(QUERY, "RESPONSEFORMAT", "csv"));
                        }
                        return null;
                    }));
                }
                for (Future<?> submitter : submitters) {
                    submitter.get(2, TimeUnit.MINUTES);
                }
                for (String id : ids) {
                    assertThat(clients.get(1).awaitEnd(id)).as("job %s", id).isEqualTo("COMPLETED");
                }
            } finally {
                // a failure above must fail the test, not leave the sampler (and the pool's close) running for ever
                submitting.set(false);
            }
            assertThat(sampler.get(1, TimeUnit.MINUTES)).as("samples taken").isGreaterThan(100);
        }

        assertThat(ids).hasSize(200);
        assertThat(mostExecuting.get()).as("the most jobs EXECUTING at once").isEqualTo(LIMIT);
        assertThat(mostQueries.get()).as("the most queries PostgreSQL ran at once").isBetween(1, LIMIT);
        RedisQuotaLedger ledger = instances.bean(0, RedisQuotaLedger.class);
        QuotaUsage usage = ledger.usage(Optional.empty());
        assertThat(usage.queuedJobs()).isZero();
        assertThat(usage.executingJobs()).isZero();
        // each job keeps its CSV and the BINARY2 copy other formats are converted from
        assertThat(usage.storedBytes()).as("the results' bytes")
                .isEqualTo(instances.database().queryForLong("SELECT sum(size) FROM tap_uws.stored_results"))
                .isGreaterThan(200L * "id\n1\n".length());

        for (String id : ids) {
            assertThat(clients.get(2).delete(clients.get(2).job(id)).statusCode()).isEqualTo(303);
        }
        assertThat(ledger.usage(Optional.empty())).isEqualTo(QuotaUsage.NONE);
    }

    /**
     * Counts, every few milliseconds until the submissions have all ended, the jobs whose phase
     * is EXECUTING (one MGET of their list entries: a snapshot of all of them at one moment)
     * and the queries on the view PostgreSQL runs. Answers the number of samples.
     */
    private int sample(List<String> ids, AtomicBoolean submitting, AtomicInteger mostExecuting,
                       AtomicInteger mostQueries) throws InterruptedException {
        JobKeys keys = instances.bean(0, JobKeys.class);
        StringRedisTemplate redis = new StringRedisTemplate(instances.bean(0, RedisConnectionFactory.class));
        int samples = 0;
        while (submitting.get()) {
            List<String> refs = ids.stream().map(id -> keys.ref(new JobId(id))).toList();
            if (!refs.isEmpty()) {
                int executing = (int) redis.opsForValue().multiGet(refs).stream()
                        .filter(entry -> entry != null && entry.startsWith("9:EXECUTING")).count();
                mostExecuting.accumulateAndGet(executing, Math::max);
            }
            mostQueries.accumulateAndGet((int) instances.database().queryForLong("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND state = 'active' AND query LIKE '%"science"."brief"%'
                      AND pid <> pg_backend_pid()"""), Math::max);
            samples++;
            Thread.sleep(5);
        }
        return samples;
    }
}
