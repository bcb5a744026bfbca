package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.UwsClient.elements;
import static org.tapservice.api.web.async.UwsClient.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;
import org.tapservice.api.MultipartBody;
import org.tapservice.core.uws.JobId;
import org.tapservice.state.redis.JobKeys;
import org.w3c.dom.Document;

/**
 * The design's first guarantees, on three instances sharing one Redis and one PostgreSQL: any
 * instance serves any request, phase changes from different instances leave one consistent
 * outcome, and the jobs outlive Redis' memory. Only instance A runs jobs, so the tests know
 * where each one runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceTest {

    private static final String QUERY = "SELECT id, ra, dec FROM science.sources ORDER BY id";

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient a;
    private UwsClient b;
    private UwsClient c;

    @BeforeAll
    void start() {
        a = new UwsClient(instances.start(2));
        b = new UwsClient(instances.start(0));
        c = new UwsClient(instances.start(0));
        SlowTable.install(instances.database());
        instances.refreshCatalogues();
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void aJobCreatedOnAIsWaitedOnAtBAndItsResultIsReadFromC() throws Exception {
        String id = a.submit(QUERY, "RESPONSEFORMAT", "csv");

        assertThat(b.awaitEnd(id)).isEqualTo("COMPLETED");
        HttpResponse<String> result = c.get(c.job(id) + "/results/result");

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body().lines()).hasSize(11).first().isEqualTo("id,ra,dec");
    }

    @Test
    void aJobCreatedWithAnUploadOnBRunsOnAWhichFindsTheUploadInTheSharedStore() throws Exception {
        String id = b.create(new MultipartBody().field("LANG", "ADQL").field("PHASE", "RUN")
                .field("RESPONSEFORMAT", "csv").field("UPLOAD", "mine,param:mine")
                .field("QUERY", "SELECT s.id FROM TAP_UPLOAD.mine AS m JOIN science.sources AS s ON s.id = m.id "
                        + "ORDER BY s.id")
                .file("mine", "mine.csv", "text/csv", "id\n3\n7\n".getBytes()));

        assertThat(c.awaitEnd(id)).isEqualTo("COMPLETED");
        assertThat(c.get(c.job(id) + "/results/result").body().lines()).containsExactly("id", "3", "7");
    }

    @Test
    void abortingAtCAJobRunningOnACancelsItsQueryOnA() throws Exception {
        String id = b.submit(SlowTable.QUERY);
        awaitRunningSlowQueries(1);
        assertThat(b.phase(id)).isEqualTo("EXECUTING");

        HttpResponse<String> abort = c.post(c.job(id) + "/phase", "PHASE", "ABORT");

        assertThat(abort.statusCode()).isEqualTo(303);
        awaitRunningSlowQueries(0);
        assertThat(a.phase(id)).isEqualTo("ABORTED");
    }

    @Test
    void runAbortAndDeleteRacingFromThreeInstancesLeaveEveryJobConsistent() throws Exception {
        List<UwsClient> clients = List.of(a, b, c);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(clients.get(i % 3).create("LANG", "ADQL", "QUERY", QUERY));
        }
        Map<String, Boolean> deleted = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(50)) {
            List<Future<?>> races = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                races.add(threads.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 10; n++) {
                        String id = ids.get(random.nextInt(ids.size()));
                        UwsClient client = clients.get(random.nextInt(3));
                        HttpResponse<String> response = switch (random.nextInt(3)) {
                            case 0 -> client.post(client.job(id) + "/phase", "PHASE", "RUN");
                            case 1 -> client.post(client.job(id) + "/phase", "PHASE", "ABORT");
                            default -> client.delete(client.job(id));
                        };
                        // a job deleted by another thread is 404 here; nothing else may fail
                        assertThat(response.statusCode()).as(response.body()).isIn(303, 404);
                        if (response.statusCode() == 303 && response.uri().getPath().endsWith(id)
                                && response.request().method().equals("DELETE")) {
                            deleted.put(id, true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> race : races) {
                race.get();
            }
        }
        for (String id : ids) {
            HttpResponse<String> response = b.get(b.job(id));
            if (deleted.containsKey(id)) {
                assertThat(response.statusCode()).as("deleted job %s", id).isEqualTo(404);
                continue;
            }
            String phase = b.awaitEnd(id);
            assertThat(phase).isIn("PENDING", "COMPLETED", "ABORTED");
            Document job = b.jobDocument(id);
            if (phase.equals("COMPLETED")) {
                // its own result first, then the formats it can be converted to
                assertThat(elements(job, "result").getFirst().getAttribute("id")).isEqualTo("result");
                assertThat(c.get(c.job(id) + "/results/result").statusCode()).isEqualTo(200);
            }
            if (!phase.equals("PENDING")) {
                assertThat(text(job, "endTime")).isNotBlank();
            }
        }
    }

    @Test
    void jobsAndTheirResultsComeBackAfterRedisIsFlushed() throws Exception {
        String completed = a.submit(QUERY, "RESPONSEFORMAT", "csv");
        assertThat(a.awaitEnd(completed)).isEqualTo("COMPLETED");
        String pending = b.create("LANG", "ADQL", "QUERY", QUERY, "RUNID", "kept");
        Document before = b.jobDocument(completed);
        awaitArchived(completed, "COMPLETED");
        awaitArchived(pending, "PENDING");

        flushRedis();

        awaitBack(completed);
        Document after = c.jobDocument(completed);
        assertThat(text(after, "phase")).isEqualTo("COMPLETED");
        assertThat(text(after, "endTime")).isEqualTo(text(before, "endTime"));
        assertThat(c.get(c.job(completed) + "/results/result").body().lines()).hasSize(11);
        assertThat(c.phase(pending)).isEqualTo("PENDING");
        assertThat(c.get(c.job(pending) + "/runId").body()).isEqualTo("kept");
        // and the service goes on working on the new Redis
        String next = c.submit(QUERY);
        assertThat(a.awaitEnd(next)).isEqualTo("COMPLETED");
    }

    @Test
    void whileRedisIsRebuiltAJobNotRestoredYetAnswers503WithRetryAfterAndOnlyAJobThatNeverExisted404()
            throws Exception {
        String id = a.submit(QUERY, "RESPONSEFORMAT", "csv");
        assertThat(a.awaitEnd(id)).isEqualTo("COMPLETED");
        awaitArchived(id, "COMPLETED");
        String neverCreated = JobId.random(new SecureRandom()).value();

        // Redis lost its data, and another instance has begun the rebuild (it holds the lock)
        flushRedisWhileARebuildIsUnderWay();

        OutageChecks.assertUnavailable(b.get(b.job(id)), "job " + id + " is being restored from the job archive");
        OutageChecks.assertUnavailable(c.get(c.job(id) + "/phase"), "is being restored");
        assertThat(b.get(b.job(neverCreated)).statusCode()).as("a job that never existed").isEqualTo(404);

        // that instance is gone: its lock lapses and one of these rebuilds Redis
        try (var connection = instances.bean(0, RedisConnectionFactory.class).getConnection()) {
            connection.keyCommands().del(bytes(recoveryLock()));
        }
        awaitBack(id);
        assertThat(c.phase(id)).isEqualTo("COMPLETED");
        assertThat(c.get(c.job(id) + "/results/result").body().lines()).hasSize(11);
        assertThat(b.get(b.job(neverCreated)).statusCode()).isEqualTo(404);
    }

    @Test
    void aJobPastItsDestructionTimeIsDestroyedWithItsResultsByOneInstance() throws Exception {
        String id = a.submit(QUERY);
        assertThat(a.awaitEnd(id)).isEqualTo("COMPLETED");

        HttpResponse<String> destruction = c.post(c.job(id) + "/destruction", "DESTRUCTION",
                Instant.now().plusSeconds(1).toString());
        assertThat(destruction.statusCode()).isEqualTo(303);

        for (int i = 0; i < 150 && b.get(b.job(id)).statusCode() != 404; i++) {
            Thread.sleep(100);
        }
        assertThat(b.get(b.job(id)).statusCode()).isEqualTo(404);
        // the reaper deletes the results right after the job, so a GET may see 404 just before
        for (int i = 0; i < 50 && storedResults(id) > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(storedResults(id)).isZero();
        for (int i = 0; i < 50 && archivedAtAll(id); i++) {
            Thread.sleep(100);
        }
        assertThat(archivedAtAll(id)).as("the archive forgets the job too").isFalse();
    }

    private long storedResults(String id) {
        return instances.database().queryForLong("SELECT count(*) FROM tap_uws.stored_results WHERE job_id = '" + id
                + "'");
    }

    private boolean archivedAtAll(String id) {
        return instances.database().queryForLong("SELECT count(*) FROM tap_uws.jobs WHERE job_id = '" + id + "'") > 0;
    }

    /**
     * Loses every key the instances share, as a flushed or restarted Redis would, but only this
     * test's namespace: other suites may be using the same Redis at the same time. One DEL of all
     * of them, so that no instance sees Redis half-emptied (a rebuild between two deletions would
     * be deleted in part).
     */
    private void flushRedis() {
        flushRedisKeeping(List.of());
    }

    /**
     * As {@link #flushRedis()}, with the rebuild's lock taken first and kept, as by an instance
     * that is rebuilding Redis and has not finished: no instance here starts a rebuild.
     */
    private void flushRedisWhileARebuildIsUnderWay() {
        try (var connection = instances.bean(0, RedisConnectionFactory.class).getConnection()) {
            connection.stringCommands().set(bytes(recoveryLock()), bytes("rebuilding"), Expiration.seconds(120),
                    RedisStringCommands.SetOption.upsert());
        }
        flushRedisKeeping(List.of(recoveryLock()));
    }

    private void flushRedisKeeping(List<String> kept) {
        try (var connection = instances.bean(0, RedisConnectionFactory.class).getConnection();
                var scan = connection.keyCommands().scan(ScanOptions.scanOptions()
                        .match(instances.namespace() + ":*").count(1000).build())) {
            List<byte[]> keys = new ArrayList<>();
            scan.forEachRemaining(key -> {
                if (!kept.contains(new String(key, StandardCharsets.UTF_8))) {
                    keys.add(key);
                }
            });
            connection.keyCommands().del(keys.toArray(byte[][]::new));
        }
    }

    private String recoveryLock() {
        return new JobKeys(instances.namespace()).recoveryLock();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The journal reaches the archive within moments of a change; what Redis loses before that
     * comes back one step behind (see the design notes), so the test waits for it rather than
     * racing it.
     */
    private void awaitArchived(String id, String phase) throws InterruptedException {
        for (int i = 0; i < 100 && archived(id, phase) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(archived(id, phase)).as("job %s archived %s", id, phase).isEqualTo(1);
    }

    private long archived(String id, String phase) {
        return instances.database().queryForLong("SELECT count(*) FROM tap_uws.jobs WHERE job_id = '" + id
                + "' AND phase = '" + phase + "'");
    }

    /**
     * Until the job is found again (404 before a rebuild starts, 503 while it has not reached the
     * job), and then until the rebuild has ended: while it runs, a job deleted by the next test
     * answers 503 until the archive forgets it too.
     */
    private void awaitBack(String id) throws Exception {
        for (int i = 0; i < 100 && c.get(c.job(id)).statusCode() != 200; i++) {
            Thread.sleep(100);
        }
        assertThat(c.get(c.job(id)).statusCode()).isEqualTo(200);
        String marker = new JobKeys(instances.namespace()).stateMarker();
        try (var connection = instances.bean(0, RedisConnectionFactory.class).getConnection()) {
            for (int i = 0; i < 300 && !connection.keyCommands().exists(bytes(marker)); i++) {
                Thread.sleep(100);
            }
            assertThat(connection.keyCommands().exists(bytes(marker))).as("rebuild ended").isTrue();
        }
    }

    private void awaitRunningSlowQueries(long expected) throws InterruptedException {
        for (int i = 0; i < 100 && SlowTable.running(instances.database()) != expected; i++) {
            Thread.sleep(100);
        }
        assertThat(SlowTable.running(instances.database())).isEqualTo(expected);
    }
}
