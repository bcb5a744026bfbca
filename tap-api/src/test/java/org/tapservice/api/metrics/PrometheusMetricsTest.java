package org.tapservice.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;

/**
 * What operators scrape at /actuator/prometheus: every query counted by format and
 * QUERY_STATUS, its duration as a histogram, the rows and bytes it wrote, and the shared
 * queue's depth that the autoscaler follows.
 */
class PrometheusMetricsTest extends RunningService {

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(1_000);
    }

    @Test
    void eachQueryIsCountedByFormatAndStatusWithItsDurationRowsAndBytes() throws Exception {
        double okBefore = sample("tap_queries_total", "format=\"csv\",status=\"OK\"");
        double overflowBefore = sample("tap_queries_total", "format=\"votable\",status=\"OVERFLOW\"");
        double errorBefore = sample("tap_queries_total", "format=\"votable\",status=\"ERROR\"");

        assertThat(get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv",
                "QUERY", "SELECT TOP 7 source_id FROM demo.stars"))).extracting(HttpResponse::statusCode).isEqualTo(200);
        assertThat(get("/sync" + query("LANG", "ADQL", "MAXREC", "3",
                "QUERY", "SELECT source_id FROM demo.stars"))).extracting(HttpResponse::statusCode).isEqualTo(200);
        assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT nothing FROM demo.stars")))
                .extracting(HttpResponse::statusCode).isEqualTo(400);

        assertThat(sample("tap_queries_total", "format=\"csv\",status=\"OK\"")).isEqualTo(okBefore + 1);
        assertThat(sample("tap_queries_total", "format=\"votable\",status=\"OVERFLOW\"")).isEqualTo(overflowBefore + 1);
        assertThat(sample("tap_queries_total", "format=\"votable\",status=\"ERROR\"")).isEqualTo(errorBefore + 1);
        String metrics = metrics();
        assertThat(metrics).contains("tap_query_duration_seconds_bucket{").contains("tap_query_rows_sum")
                .contains("tap_query_bytes_sum{format=\"csv\"");
    }

    @Test
    void theSharedQueueDepthIsAGauge() throws Exception {
        assertThat(sample("tap_jobs_queued", "")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void jobsTheReconciliationOffersAgainAreCounted() throws Exception {
        assertThat(metrics()).containsPattern("(?m)^tap_jobs_reoffered_total(\\{[^}]*\\})? [0-9.eE+-]+$");
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one series (0 when it has no sample yet). */
    private double sample(String name, String labels) throws Exception {
        String selector = labels.isEmpty() ? name + "(\\{[^}]*\\})?" : name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        Matcher matcher = Pattern.compile("(?m)^" + selector + " ([0-9.eE+-]+|NaN)$").matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(matcher.groupCount())) : 0;
    }
}
