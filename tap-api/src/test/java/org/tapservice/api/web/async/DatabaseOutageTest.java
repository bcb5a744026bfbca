package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.OutageChecks.QUICK;
import static org.tapservice.api.web.async.OutageChecks.QUICK_ROWS;
import static org.tapservice.api.web.async.OutageChecks.assertUnavailable;
import static org.tapservice.api.web.async.OutageChecks.sync;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL out of reach (both pools' connections cut by a proxy): a job whose query was
 * running ends in ERROR saying the archive database is unavailable, sync queries and job
 * creation are answered 503 with Retry-After, jobs already in Redis can still be read; once
 * PostgreSQL is back the service serves again without a restart, and the job changes made
 * during the outage, kept in the Redis journal, reach the job archive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private TcpProxy postgres;
    private ServiceProcesses service;
    private UwsClient client;

    @BeforeAll
    void start() throws Exception {
        service = new ServiceProcesses(Map.of(
                "tap.uws.workers", "2",
                "tap.uws.lease-time", "3s",
                "tap.uws.idle-poll", "500ms",
                "tap.uws.limits.wait-cap", "5s",
                "tap.catalog-refresh", "1s",
                // an unreachable database is reported after this, not after Hikari's 30 s
                "spring.datasource.hikari.connection-timeout", "2000",
                "tap.archive.connection-timeout", "2s"));
        // the test database's server, wherever TEST_PGPORT puts it
        postgres = new TcpProxy(URI.create(service.database().jdbcUrl().substring("jdbc:".length())).getPort());
        service.databaseThrough(postgres.port());
        client = new UwsClient(service.start(1).getFirst().url());
        PausedTable.install(service.database());
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whilePostgresqlIsAwayQueriesFailCleanlyAndWhenItIsBackAllCarriesOnWithNothingLost() throws Exception {
        PausedTable.awaitServedBy(client);
        String cutOff = client.submit(PausedTable.query("job_1", 5), "RESPONSEFORMAT", "csv");
        awaitPausedQueryRunning();

        postgres.cut();

        assertThat(client.awaitEnd(cutOff)).isEqualTo("ERROR");
        HttpResponse<String> error = client.get(client.job(cutOff) + "/error");
        assertThat(error.body()).contains("archive database is not available");
        assertUnavailable(sync(client), "archive database");
        assertUnavailable(client.post(client.jobList(), "LANG", "ADQL", "QUERY", QUICK), "job archive database");
        assertThat(client.get(client.job(cutOff)).statusCode()).as("a job in Redis is still served").isEqualTo(200);
        HttpResponse<String> availability = client.get(client.jobList().replace("/async", "/availability"));
        assertThat(availability.body()).contains(">false</").contains("archive database does not answer");

        postgres.restore();

        HttpResponse<String> sync = sync(client);
        for (int i = 0; i < 100 && sync.statusCode() != 200; i++) {
            Thread.sleep(100);
            sync = sync(client);
        }
        assertThat(sync.statusCode()).as("sync once PostgreSQL is back: %s", sync.body()).isEqualTo(200);
        assertThat(sync.body().lines().toList()).isEqualTo(QUICK_ROWS);
        assertThat(archivedPhase(cutOff)).as("the journaled ERROR, archived once PostgreSQL is back")
                .isEqualTo("ERROR");
        String after = client.submit(QUICK, "RESPONSEFORMAT", "csv");
        assertThat(client.awaitEnd(after)).isEqualTo("COMPLETED");
        assertThat(client.get(client.job(after) + "/results/result").body().lines().toList())
                .isEqualTo(QUICK_ROWS);
        client.delete(client.job(cutOff));
        client.delete(client.job(after));
    }



    /** The job's phase in the PostgreSQL job archive, once the archive has caught up with Redis. */
    private String archivedPhase(String id) throws InterruptedException {
        String sql = "SELECT count(*) FROM tap_uws.jobs WHERE job_id = '" + id + "' AND phase = 'ERROR'";
        for (int i = 0; i < 100 && service.database().queryForLong(sql) == 0; i++) {
            Thread.sleep(100);
        }
        return service.database().queryForLong(sql) == 1 ? "ERROR" : "not ERROR";
    }

    private void awaitPausedQueryRunning() throws InterruptedException {
        String sql = """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
                  AND query LIKE '%"science"."pause"%' AND pid <> pg_backend_pid()""";
        for (int i = 0; i < 100 && service.database().queryForLong(sql) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(service.database().queryForLong(sql)).isEqualTo(1);
    }
}
