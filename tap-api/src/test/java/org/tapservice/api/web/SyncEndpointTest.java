package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapservice.api.RunningService;

/** TAP 1.1 section 2: the sync resource, its parameters and its errors. */
class SyncEndpointTest extends RunningService {

    private static final String QUERY = "SELECT id, ra, dec FROM science.sources ORDER BY id";

    @Test
    void aGetQueryReturnsAVOTableWithStatusOk() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "MAXREC", "100"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-votable+xml"));
        assertThat(response.body()).contains("<INFO name=\"QUERY_STATUS\" value=\"OK\"")
                .contains("name=\"ra\"").contains("unit=\"deg\"").contains("ucd=\"pos.eq.ra;meta.main\"");
    }

    /**
     * A small result (read in one go, not through a cursor: at most the test's fetch size of 2
     * rows) goes out in one piece, its length stated, rather than in chunks.
     */
    @Test
    void aSmallVotableResultIsSentWithItsLength() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY",
                "SELECT TOP 2 id, ra, dec FROM science.sources ORDER BY id"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(
                Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    @Test
    void aFormEncodedPostQueryIsAnswered() throws Exception {
        HttpResponse<String> response = postForm("/sync", Map.of("LANG", "ADQL", "QUERY", QUERY,
                "RESPONSEFORMAT", "csv", "MAXREC", "3"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().toList()).containsExactly("id,ra,dec", "0,10.0,10.0", "1,10.1,10.0",
                "2,10.2,10.0");
    }

    @Test
    void aMultipartPostQueryIsAnswered() throws Exception {
        HttpResponse<String> response = postMultipart("/sync", Map.of("lang", "ADQL", "query", QUERY,
                "format", "tsv", "maxrec", "1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/tab-separated-values"));
        assertThat(response.body().lines().toList()).containsExactly("id\tra\tdec", "0\t10.0\t10.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            fits                            | application/fits               | SIMPLE  =
            application/fits                | application/fits               | SIMPLE  =
            parquet                         | application/vnd.apache.parquet | PAR1
            application/vnd.apache.parquet  | application/vnd.apache.parquet | PAR1
            html                            | text/html;charset=UTF-8        | <!DOCTYPE html>
            text/html                       | text/html;charset=UTF-8        | <!DOCTYPE html>
            """)
    void fitsVOParquetAndHtmlAreAnsweredWithTheirMediaType(String format, String mediaType, String start) throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "RESPONSEFORMAT", format));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "")).isEqualToIgnoringCase(mediaType));
        assertThat(response.body()).startsWith(start);
    }

    @Test
    void parameterNamesAreCaseInsensitive() throws Exception {
        HttpResponse<String> response = get("/sync" + query("lang", "ADQL", "Query", QUERY, "responseFormat", "csv"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("id,ra,dec");
    }

    @Test
    void requestDoQueryOfTap10ClientsIsAccepted() throws Exception {
        assertThat(get("/sync" + query("REQUEST", "doQuery", "LANG", "ADQL", "QUERY", QUERY)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void maxrecLimitsTheRowsAndTheOverflowIsReported() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "FORMAT", "votable/td",
                "MAXREC", "5"));

        assertThat(response.body().split("<TR>", -1)).hasSize(6);
        assertThat(response.body()).contains("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"");
    }

    @Test
    void aSyntaxErrorIsABadRequestWithThePosition() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT id FROM science.sources WHERE")),
                400, "line 1:");
    }

    @Test
    void anUnknownColumnIsABadRequestNamingIt() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT magnitude FROM science.sources")),
                400, "magnitude");
    }

    @Test
    void anUnknownTableIsABadRequestNamingIt() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT * FROM science.nothing")),
                400, "nothing");
    }

    @Test
    void aMissingQueryIsABadRequest() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL")), 400, "missing parameter: QUERY");
    }

    @Test
    void anUnknownLanguageIsABadRequest() throws Exception {
        assertError(get("/sync" + query("LANG", "SQL", "QUERY", QUERY)), 400, "unknown query language 'SQL'");
    }

    @Test
    void aNegativeMaxrecIsABadRequest() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "MAXREC", "-1")), 400,
                "MAXREC must be a non-negative integer");
    }

    @Test
    void aResponseFormatNobodySupportsIsABadRequest() throws Exception {
        assertError(get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "RESPONSEFORMAT", "application/x-excel")),
                400, "unsupported RESPONSEFORMAT 'application/x-excel'");
    }

    @Test
    void aFailureOnTheDataIsABadRequestWithoutDatabaseInternals() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY",
                "SELECT id / (flag - flag) FROM science.sources"));

        assertError(response, 400, "division by zero");
        assertThat(response.body()).doesNotContain("ERROR:").doesNotContain("SQLSTATE").doesNotContain("at org.");
    }

    /**
     * pgsphere 1.2.0 crashes its backend on a polygon whose first vertex is NULL, and PostgreSQL
     * then resets every connection of the server. The service's guard makes such a polygon NULL
     * and answers a vertex that is no finite position with a 400 naming it; the server stays up.
     */
    @Test
    void aPolygonPgsphereCannotTakeIsNullOrABadRequestAndTheDatabaseStaysUp() throws Exception {
        long serverStart = databaseServerStart();

        HttpResponse<String> nullVertex = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv", "QUERY",
                "SELECT COUNT(*) AS n FROM science.sources"
                        + " WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(CASE WHEN id < 0 THEN ra END, dec, 20, 10, 15, 20))"));
        assertThat(nullVertex.statusCode()).as(nullVertex.body()).isEqualTo(200);
        assertThat(nullVertex.body()).isEqualToIgnoringNewLines("n0");

        HttpResponse<String> notFinite = get("/sync" + query("LANG", "ADQL", "QUERY",
                "SELECT id FROM science.sources"
                        + " WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(ra, CAST('NaN' AS DOUBLE PRECISION), 20, 10, 15, 20))"));
        assertError(notFinite, 400, "POLYGON vertex 1 is not a finite position");

        assertThat(databaseServerStart()).isEqualTo(serverStart);
    }

    /** Rows 0 to 6 stream before the division by zero at id 7. */
    private static final String FAILS_AT_ROW_SEVEN = "SELECT id, 10 / (id - 7) AS x FROM science.sources";

    @Test
    void aVOTableWhoseQueryFailsWhileStreamingEndsWithQueryStatusError() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", FAILS_AT_ROW_SEVEN,
                "MAXREC", "100", "RESPONSEFORMAT", "votable/td"));

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body).contains("<TD>0</TD>").contains("division by zero").endsWith("</VOTABLE>\n");
        assertThat(body.indexOf("value=\"ERROR\"")).isGreaterThan(body.indexOf("</TABLE>"));
    }

    @Test
    void aCsvWhoseQueryFailsWhileStreamingIsAbortedNotCompleted() {
        assertThatThrownBy(() -> get("/sync" + query("LANG", "ADQL", "QUERY", FAILS_AT_ROW_SEVEN,
                "MAXREC", "100", "RESPONSEFORMAT", "csv")))
                .isInstanceOf(IOException.class);
    }

    /**
     * A user who stops a large download must not cost the service a connection: more queries
     * than the archive pool has connections still run afterwards.
     */
    @Test
    void aClientThatHangsUpMidStreamLeavesNoConnectionBehind() throws Exception {
        String large = "SELECT a.column_name, b.column_name, c.column_name"
                + " FROM TAP_SCHEMA.columns AS a, TAP_SCHEMA.columns AS b, TAP_SCHEMA.columns AS c";
        URI uri = URI.create(baseUrl() + "/sync" + query("LANG", "ADQL", "QUERY", large, "MAXREC", "1000000",
                "RESPONSEFORMAT", "votable/td"));
        for (int hangUps = 0; hangUps < 20; hangUps++) {
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                        + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] start = socket.getInputStream().readNBytes(4096);
                assertThat(new String(start, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            }
        }
        for (int i = 0; i < 20; i++) {
            assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", QUERY, "MAXREC", "1")).statusCode()).isEqualTo(200);
        }
    }
}
