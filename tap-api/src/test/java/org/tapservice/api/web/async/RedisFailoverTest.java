package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service on Redis Sentinel, configured by Spring's spring.data.redis.sentinel.* alone
 * (on a Redis Cluster: {@link RedisClusterFailoverTest}),
 * with creations acknowledged only once a replica holds them (tap.uws.durability.mode=replicas,
 * the setting under which an acknowledged job survives the loss of the primary). A stream of
 * async jobs runs while the primary is killed: the Sentinels promote the replica, the instance
 * follows by itself, and every job whose creation was acknowledged completes with its rows.
 * Creations that come while no replica can acknowledge them are refused with 503, never
 * acknowledged and then lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFailoverTest {

    private ReplicatedRedis redis;
    private ServiceProcesses service;
    private UwsClient client;

    /** The Redis whose primary is lost: here a Sentinel group of the test's own. */
    ReplicatedRedis startRedis() throws Exception {
        Assumptions.assumeTrue(SentinelGroup.missingBinaries().isEmpty(), () -> "Redis Sentinel test skipped: "
                + SentinelGroup.missingBinaries().orElseThrow());
        return new SentinelGroup();
    }

    @BeforeAll
    void start() throws Exception {
        redis = startRedis();
        Map<String, String> settings = new HashMap<>(redis.springProperties());
        settings.putAll(Map.of(
                "tap.uws.durability.mode", "replicas",
                "tap.uws.durability.replicas", "1",
                "tap.uws.workers", "4",
                "tap.uws.lease-time", "3s",
                "tap.uws.idle-poll", "500ms",
                "tap.uws.limits.wait-cap", "5s"));
        service = new ServiceProcesses(settings);
        client = new UwsClient(service.start(1).getFirst().url());
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void everyAcknowledgedJobCompletesAcrossTheLossOfTheRedisPrimary() throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        JobStream stream = new JobStream(acknowledged, refused);
        Thread submitter = Thread.ofVirtual().start(stream);
        awaitAcknowledged(acknowledged, 10);

        int killed = redis.killPrimary();
        redis.awaitFailoverFrom(killed);
        // the old primary comes back (as Kubernetes restarts a pod) and replicates the new one
        redis.restart(killed);
        int before = acknowledged.size();
        awaitAcknowledged(acknowledged, before + 10);
        stream.stop();
        submitter.join();

        for (Map.Entry<String, Integer> job : acknowledged.entrySet()) {
            assertThat(client.awaitEnd(job.getKey())).as("phase of job %s", job.getKey()).isEqualTo("COMPLETED");
            HttpResponse<String> result = client.get(client.job(job.getKey()) + "/results/result");
            assertThat(result.body().lines().toList()).as("result of job %s", job.getKey())
                    .isEqualTo(expectedRows(job.getValue()));
        }
        for (String id : acknowledged.keySet()) {
            client.delete(client.job(id));
        }
    }

    /** Submits jobs one after another until stopped, keeping those acknowledged (303) with their row count. */
    private final class JobStream implements Runnable {
        private final Map<String, Integer> acknowledged;
        private final AtomicInteger refused;
        private volatile boolean stopped;

        JobStream(Map<String, Integer> acknowledged, AtomicInteger refused) {
            this.acknowledged = acknowledged;
            this.refused = refused;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            for (int i = 0; !stopped; i++) {
                int rows = i % 10 + 1;
                try {
                    HttpResponse<String> response = client.post(client.jobList(), "LANG", "ADQL", "PHASE", "RUN",
                            "RESPONSEFORMAT", "csv", "QUERY", "SELECT id FROM science.sources WHERE id < " + rows
                                    + " ORDER BY id");
                    if (response.statusCode() == 303) {
                        String location = response.headers().firstValue("Location").orElseThrow();
                        acknowledged.put(location.substring(location.lastIndexOf('/') + 1), rows);
                    } else {
                        // an outage is 503, never anything else
                        assertThat(response.statusCode()).as("refusal: %s", response.body()).isEqualTo(503);
                        refused.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void awaitAcknowledged(Map<String, Integer> acknowledged, int count) throws InterruptedException {
        for (int i = 0; i < 600 && acknowledged.size() < count; i++) {
            Thread.sleep(100);
        }
        assertThat(acknowledged).as("jobs acknowledged").hasSizeGreaterThanOrEqualTo(count);
    }

    private static List<String> expectedRows(int rows) {
        List<String> lines = new ArrayList<>(List.of("id"));
        for (int i = 0; i < rows; i++) {
            lines.add(Integer.toString(i));
        }
        return lines;
    }
}
