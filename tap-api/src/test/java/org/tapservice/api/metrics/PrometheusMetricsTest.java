package org.tapservice.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;

/**
 * What operators scrape at /actuator/prometheus: every query counted by format and
 * QUERY_STATUS, its duration as a histogram, the rows and bytes it wrote, the shared queue's
 * depth that the autoscaler follows, both connection pools under their own names and the
 * Redis commands' latency; and the health group that shows Redis and both databases.
 */
class PrometheusMetricsTest extends RunningService {

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(1_000);
    }

    @Test
    void eachQueryIsCountedByFormatAndStatusWithItsDurationRowsAndBytes() throws Exception {
        Scrape before = scrape();
        double okBefore = before.sample("tap_queries_total", "format=\"csv\",status=\"OK\"");
        double overflowBefore = before.sample("tap_queries_total", "format=\"votable\",status=\"OVERFLOW\"");
        double errorBefore = before.sample("tap_queries_total", "format=\"votable\",status=\"ERROR\"");

        assertThat(get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv",
                "QUERY", "SELECT TOP 7 source_id FROM demo.stars"))).extracting(HttpResponse::statusCode).isEqualTo(200);
        assertThat(get("/sync" + query("LANG", "ADQL", "MAXREC", "3",
                "QUERY", "SELECT source_id FROM demo.stars"))).extracting(HttpResponse::statusCode).isEqualTo(200);
        assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT nothing FROM demo.stars")))
                .extracting(HttpResponse::statusCode).isEqualTo(400);

        Scrape after = scrape();
        assertThat(after.sample("tap_queries_total", "format=\"csv\",status=\"OK\"")).isEqualTo(okBefore + 1);
        assertThat(after.sample("tap_queries_total", "format=\"votable\",status=\"OVERFLOW\""))
                .isEqualTo(overflowBefore + 1);
        assertThat(after.sample("tap_queries_total", "format=\"votable\",status=\"ERROR\"")).isEqualTo(errorBefore + 1);
        assertThat(after.text()).contains("tap_query_duration_seconds_bucket{").contains("tap_query_rows_sum")
                .contains("tap_query_bytes_sum{format=\"csv\"");
    }

    @Test
    void theSharedQueueDepthIsAGauge() throws Exception {
        assertThat(scrape().sample("tap_jobs_queued", "")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void jobsTheReconciliationOffersAgainAreCounted() throws Exception {
        assertThat(scrape().text()).containsPattern("(?m)^tap_jobs_reoffered_total(\\{[^}]*\\})? [0-9.eE+-]+$");
    }

    @Test
    void theArchivePoolAndTheStatePoolReportTheirConnectionsUnderTheirOwnNames() throws Exception {
        assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT TOP 1 source_id FROM demo.stars")))
                .extracting(HttpResponse::statusCode).isEqualTo(200);

        Scrape scrape = scrape();

        for (String pool : new String[] {"archive", "state"}) {
            assertThat(scrape.has("hikaricp_connections_active", "pool=\"" + pool + "\"")).as(pool).isTrue();
            assertThat(scrape.has("hikaricp_connections_pending", "pool=\"" + pool + "\"")).as(pool).isTrue();
            assertThat(scrape.sample("hikaricp_connections_max", "pool=\"" + pool + "\"")).as(pool).isPositive();
            assertThat(scrape.has("hikaricp_connections_acquire_seconds_count", "pool=\"" + pool + "\""))
                    .as(pool).isTrue();
        }
        assertThat(scrape.sample("hikaricp_connections_max", "pool=\"archive\"")).isEqualTo(16);
    }

    @Test
    void redisCommandsAreTimed() throws Exception {
        // a job list reads Redis on this request's behalf
        assertThat(get("/async")).extracting(HttpResponse::statusCode).isEqualTo(200);

        assertThat(scrape().text()).containsPattern("(?m)^lettuce_seconds_count\\{");
    }

    @Test
    void theDependenciesHealthGroupShowsRedisAndBothDatabases() throws Exception {
        HttpResponse<String> health = get("/actuator/health/dependencies");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\"\\s*:\\s*\"UP\"")
                .containsPattern("\"redis\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"")
                .containsPattern("\"db\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"")
                .containsPattern("\"archive\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");
    }

    private Scrape scrape() throws Exception {
        return Scrape.of(baseUrl());
    }
}
