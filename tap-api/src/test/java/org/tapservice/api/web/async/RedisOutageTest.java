package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.OutageChecks.QUICK;
import static org.tapservice.api.web.async.OutageChecks.QUICK_ROWS;
import static org.tapservice.api.web.async.OutageChecks.assertUnavailable;
import static org.tapservice.api.web.async.OutageChecks.sync;

import java.net.http.HttpResponse;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tapservice.state.redis.JobKeys;

/**
 * Redis out of reach (the connection cut by a proxy, as when Redis dies or the network
 * splits): requests that need it are answered 503 with Retry-After and a DALI error document,
 * synchronous queries go on, /availability says what is missing, and once Redis is back the
 * instance carries on by itself: its events subscription is made again, its workers claim
 * again, and the job that was running through the outage still completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTest {

    private TcpProxy redis;
    private ServiceProcesses service;
    private UwsClient client;
    private RedisClient direct;
    private StatefulRedisConnection<String, String> watch;

    @BeforeAll
    void start() throws Exception {
        redis = new TcpProxy(6379);
        service = new ServiceProcesses(Map.of(
                "spring.data.redis.port", Integer.toString(redis.port()),
                "tap.uws.workers", "2",
                "tap.uws.lease-time", "3s",
                "tap.uws.idle-poll", "500ms",
                "tap.uws.limits.wait-cap", "5s",
                "tap.catalog-refresh", "1s"));
        client = new UwsClient(service.start(1).getFirst().url());
        PausedTable.install(service.database());
        direct = RedisClient.create("redis://127.0.0.1:6379");
        watch = direct.connect();
    }

    @AfterAll
    void stop() throws Exception {
        if (watch != null) {
            watch.close();
            direct.shutdown();
        }
        if (service != null) {
            service.close();
        }
        redis.close();
    }

    @Test
    void whileRedisIsAwayAsyncJobsAre503AndSyncQueriesRunAndWhenItIsBackAllCarriesOn() throws Exception {
        PausedTable.awaitServedBy(client);
        String running = client.submit(PausedTable.query("job_1", 5), "RESPONSEFORMAT", "csv");
        awaitPhase(running, "EXECUTING");
        assertThat(subscribers()).as("the instance's events subscription").isEqualTo(1);

        redis.cut();

        awaitAvailabilityNote(true);
        HttpResponse<String> create = client.post(client.jobList(), "LANG", "ADQL", "QUERY", QUICK);
        assertUnavailable(create, "job state store (Redis) cannot be reached");
        assertUnavailable(client.get(client.job(running)), "job state store (Redis) cannot be reached");
        HttpResponse<String> sync = sync(client);
        assertThat(sync.statusCode()).as("sync: %s", sync.body()).isEqualTo(200);
        assertThat(sync.body().lines().toList()).isEqualTo(QUICK_ROWS);
        assertThat(client.get(client.jobList().replace("/async", "/actuator/health/readiness")).statusCode())
                .as("ready for traffic: sync queries still run").isEqualTo(200);

        redis.restore();

        awaitAvailabilityNote(false);
        assertThat(client.awaitEnd(running)).isEqualTo("COMPLETED");
        assertThat(client.get(client.job(running) + "/results/result").body().lines().toList())
                .isEqualTo(PausedTable.csv("job_1", 5).lines().toList());
        String after = client.submit(QUICK, "RESPONSEFORMAT", "csv");
        assertThat(client.awaitEnd(after)).as("a job created after the outage runs").isEqualTo("COMPLETED");
        assertThat(subscribers()).as("the events subscription, made again").isEqualTo(1);
        client.delete(client.job(running));
        client.delete(client.job(after));
    }


    /** Instances subscribed to the namespace's events channel, as Redis counts them. */
    private long subscribers() throws InterruptedException {
        String channel = new JobKeys(service.namespace()).events();
        long count = 0;
        for (int i = 0; i < 100; i++) {
            count = watch.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
            if (count == 1) {
                break;
            }
            Thread.sleep(100);
        }
        return count;
    }

    private void awaitAvailabilityNote(boolean redisAway) throws Exception {
        String url = client.jobList().replace("/async", "/availability");
        HttpResponse<String> availability = client.get(url);
        for (int i = 0; i < 100 && availability.body().contains("job state store") != redisAway; i++) {
            Thread.sleep(100);
            availability = client.get(url);
        }
        assertThat(availability.statusCode()).isEqualTo(200);
        assertThat(availability.body()).contains(">true</").contains("accepting queries");
        assertThat(availability.body().contains("job state store (Redis) does not answer"))
                .as("availability: %s", availability.body()).isEqualTo(redisAway);
    }

    private void awaitPhase(String id, String phase) throws Exception {
        for (int i = 0; i < 100 && !client.phase(id).equals(phase); i++) {
            Thread.sleep(100);
        }
        assertThat(client.phase(id)).isEqualTo(phase);
    }
}
