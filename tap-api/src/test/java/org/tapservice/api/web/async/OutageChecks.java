package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the outage tests ask of the service, and how an answer to a request during an outage must look. */
final class OutageChecks {

    /** A quick query on the sample catalogue, and its rows as CSV lines. */
    static final String QUICK = "SELECT id FROM science.sources WHERE id < 3 ORDER BY id";
    static final List<String> QUICK_ROWS = List.of("id", "0", "1", "2");

    private OutageChecks() {
    }

    /** The quick query through /sync, as CSV. */
    static HttpResponse<String> sync(UwsClient client) throws IOException, InterruptedException {
        return client.get(client.jobList().replace("/async", "/sync") + "?LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
                + URLEncoder.encode(QUICK, StandardCharsets.UTF_8));
    }

    /** 503 with Retry-After and a DALI error document whose message has these words and asks to try again. */
    static void assertUnavailable(HttpResponse<String> response, String words) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-votable+xml"));
        assertThat(response.body()).contains("name=\"QUERY_STATUS\" value=\"ERROR\"").contains(words)
                .contains("try again");
    }
}
