package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.UwsClient.elements;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tapservice.api.RunningService;
import org.tapservice.core.async.ResultConversions;
import org.tapservice.votable.FormatReaders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * A finished job's result in any format (TAP 1.1 section 2.2 and DALI RESPONSEFORMAT on the
 * result resource): converted from the stored BINARY2 result, never by running the query
 * again, and the same as a sync query in that format would have sent.
 */
class ResultConversionEndpointTest extends RunningService {

    private static final String QUERY = "SELECT id, ra, dec, mag, name, flag, seen, POINT(ra, dec) AS pos "
            + "FROM science.sources ORDER BY id";
    private static final String[] FORMATS = {"votable", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet",
            "html"};

    @Autowired
    private ResultConversions conversions;

    private UwsClient uws;

    @BeforeAll
    void client() {
        uws = new UwsClient(baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html", "text/csv",
            "application/x-votable+xml;serialization=TABLEDATA"})
    void theResultOfABinary2JobInAnyFormatReadsBackAsTheSyncResultInThatFormat(String format) throws Exception {
        String id = completed(QUERY);

        HttpResponse<byte[]> converted = uws.getBytes(uws.job(id) + "/results/result" + query("RESPONSEFORMAT", format));

        // a copy is shared by every spelling of its format, so its RESPONSEFORMAT INFO is the short name
        HttpResponse<byte[]> sync = uws.getBytes(baseUrl() + "/sync" + query("LANG", "ADQL", "QUERY", QUERY,
                "RESPONSEFORMAT", readerName(format)));
        assertThat(converted.statusCode()).isEqualTo(200);
        assertThat(converted.headers().firstValue("Content-Type"))
                .isEqualTo(sync.headers().firstValue("Content-Type"));
        assertSameTable(readerName(format), sync.body(), converted.body());
    }

    @Test
    void aJobRunInCsvKeepsItsBinary2CopyAndEveryOtherFormatIsMadeFromIt() throws Exception {
        String id = completed(QUERY, "RESPONSEFORMAT", "csv");

        Document job = uws.jobDocument(id);
        assertThat(elements(job, "result")).extracting(result -> result.getAttribute("id")).startsWith("result",
                "result-votable");
        for (String format : FORMATS) {
            HttpResponse<byte[]> converted = uws.getBytes(uws.job(id) + "/results/result" + query("RESPONSEFORMAT",
                    format));
            HttpResponse<byte[]> sync = uws.getBytes(baseUrl() + "/sync" + query("LANG", "ADQL", "QUERY", QUERY,
                    "RESPONSEFORMAT", format));
            assertThat(converted.statusCode()).as(format).isEqualTo(200);
            assertSameTable(readerName(format), sync.body(), converted.body());
        }
    }

    @Test
    void anOverflowSurvivesConversionAndTheCsvHasExactlyMaxrecRows() throws Exception {
        String id = completed("SELECT id FROM science.sources ORDER BY id", "MAXREC", "3");

        String votable = uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=votable/td").body();
        String csv = uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=csv").body();

        assertThat(votable.substring(votable.indexOf("</TABLE>")))
                .contains("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>");
        assertThat(votable.split("<TR>", -1)).hasSize(4);
        assertThat(votable).doesNotContain("<TD>3</TD>");
        assertThat(csv.lines()).containsExactly("id", "0", "1", "2");
        assertThat(votable).contains("<INFO name=\"RESPONSEFORMAT\" value=\"votable/td\"/>");
    }

    @Test
    void theJobListsEachFormatAsAResultAfterItsOwnAndShowsAConversionInJobInfo() throws Exception {
        String id = completed(QUERY);
        List<Element> listed = elements(uws.jobDocument(id), "result");
        assertThat(listed.getFirst().getAttribute("id")).as("pyvo and TOPCAT take 'result'").isEqualTo("result");
        assertThat(listed).extracting(result -> result.getAttribute("id")).containsExactly("result",
                "result-votable-td", "result-votable-b", "result-csv", "result-tsv", "result-fits", "result-parquet",
                "result-html");
        Element csvLink = listed.get(3);
        assertThat(csvLink.getAttribute("mime-type")).isEqualTo("text/csv;header=present");
        assertThat(csvLink.hasAttribute("size")).as("not converted yet").isFalse();
        assertThat(uws.jobDocument(id).getElementsByTagNameNS(UwsClient.UWS, "jobInfo").getLength()).isZero();

        String href = csvLink.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        HttpResponse<String> csv = uws.get(href);

        assertThat(href).isEqualTo(uws.job(id) + "/results/result-csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=csv").body());
        Document after = uws.jobDocument(id);
        assertThat(elements(after, "result").get(3).getAttribute("size")).isEqualTo(Long.toString(csv.body().length()));
        Element conversion = (Element) after.getElementsByTagNameNS("urn:tapservice:jobinfo", "conversion").item(0);
        assertThat(conversion.getAttribute("result")).isEqualTo("result-csv");
        assertThat(conversion.getAttribute("state")).isEqualTo("stored");
        assertThat(conversion.getAttribute("size")).isEqualTo(Long.toString(csv.body().length()));
        assertThat(elements(UwsClient.document(uws.get(uws.job(id) + "/results")), "result")).hasSize(8);
    }

    @Test
    void askingForTheFormatTheJobAlreadyHasServesItsOwnResult() throws Exception {
        String id = completed(QUERY, "RESPONSEFORMAT", "csv");
        long before = conversions.conversionsMade();

        HttpResponse<String> same = uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=text/csv");
        HttpResponse<String> binary2 = uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=votable");

        assertThat(same.body()).isEqualTo(uws.get(uws.job(id) + "/results/result").body());
        assertThat(binary2.headers().firstValue("Content-Type")).hasValue(
                "application/x-votable+xml;serialization=BINARY2");
        assertThat(conversions.conversionsMade()).isEqualTo(before);
    }

    @Test
    void twoRequestsAtOnceForOneConversionMakeOneConversion() throws Exception {
        String id = completed(QUERY);
        long before = conversions.conversionsMade();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> {
                    go.await(30, TimeUnit.SECONDS);
                    return uws.getBytes(uws.job(id) + "/results/result?RESPONSEFORMAT=fits");
                }));
            }
            go.countDown();
            List<byte[]> bodies = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                bodies.add(response.body());
            }
            assertThat(bodies).allSatisfy(body -> assertThat(body).isEqualTo(bodies.getFirst()));
        }

        assertThat(conversions.conversionsMade() - before).isEqualTo(1);
    }

    @Test
    void anUnknownResponseFormatIsA400ErrorDocumentListingTheFormats() throws Exception {
        String id = completed(QUERY);

        HttpResponse<String> answer = uws.get(uws.job(id) + "/results/result?RESPONSEFORMAT=application/pdf");

        assertError(answer, 400, "unsupported RESPONSEFORMAT 'application/pdf'");
        assertThat(answer.body()).contains("csv").contains("votable/td");
    }

    @Test
    void aJobThatIsNotCompletedHasNoResultInAnyFormat() throws Exception {
        String pending = uws.create("LANG", "ADQL", "QUERY", QUERY);
        String failed = uws.submit("SELECT nonesuch FROM science.sources");
        assertThat(uws.awaitEnd(failed)).isEqualTo("ERROR");

        assertError(uws.get(uws.job(pending) + "/results/result?RESPONSEFORMAT=csv"), 404, "is PENDING");
        assertError(uws.get(uws.job(pending) + "/results/result-csv"), 404, "once the job is COMPLETED");
        assertError(uws.get(uws.job(failed) + "/results/result?RESPONSEFORMAT=csv"), 404, "it failed");
    }

    @Test
    void aResultIdThatDoesNotExistOrContradictsItsFormatIsRefused() throws Exception {
        String id = completed(QUERY);

        assertError(uws.get(uws.job(id) + "/results/result-pdf"), 404, "has no result 'result-pdf'");
        assertError(uws.get(uws.job(id) + "/results/result-csv?RESPONSEFORMAT=fits"), 400,
                "result?RESPONSEFORMAT=fits");
        assertError(uws.get(baseUrl() + "/async/nosuchjob/results/result?RESPONSEFORMAT=csv"), 404, "no such job");
    }

    @Test
    void aClientThatLeavesDuringAConversionLeavesAWholeStoredCopy() throws Exception {
        String id = completed(QUERY);
        long before = conversions.conversionsMade();
        HttpClient impatient = HttpClient.newHttpClient();
        impatient.send(HttpRequest.newBuilder(URI.create(uws.job(id) + "/results/result-votable-td")).build(),
                HttpResponse.BodyHandlers.discarding());

        HttpResponse<String> whole = uws.get(uws.job(id) + "/results/result-votable-td");

        assertThat(whole.body()).endsWith("</VOTABLE>\n");
        assertThat(conversions.conversionsMade() - before).isEqualTo(1);
    }

    /** A job of the query that has COMPLETED. */
    private String completed(String adql, String... more) throws Exception {
        String id = uws.submit(adql, more);
        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");
        return id;
    }

    /** The name FormatReaders reads a RESPONSEFORMAT value by. */
    private static String readerName(String format) {
        return switch (format) {
            case "text/csv" -> "csv";
            case "application/x-votable+xml;serialization=TABLEDATA" -> "votable/td";
            default -> format;
        };
    }

    /** The two documents read back with STIL hold the same columns (name, unit, UCD, description, type) and rows. */
    static void assertSameTable(String format, byte[] expected, byte[] actual) throws Exception {
        StarTable want = FormatReaders.read(format, expected);
        StarTable got = FormatReaders.read(format, actual);
        assertThat(got.getColumnCount()).isEqualTo(want.getColumnCount());
        for (int i = 0; i < want.getColumnCount(); i++) {
            ColumnInfo w = want.getColumnInfo(i);
            ColumnInfo g = got.getColumnInfo(i);
            assertThat(List.of(g.getName(), String.valueOf(g.getUnitString()), String.valueOf(g.getUCD()),
                    String.valueOf(g.getDescription()), g.getContentClass().getName(), String.valueOf(g.getXtype())))
                    .isEqualTo(List.of(w.getName(), String.valueOf(w.getUnitString()), String.valueOf(w.getUCD()),
                            String.valueOf(w.getDescription()), w.getContentClass().getName(),
                            String.valueOf(w.getXtype())));
        }
        List<Object[]> wantRows = FormatReaders.rows(want);
        List<Object[]> gotRows = FormatReaders.rows(got);
        assertThat(gotRows).hasSameSizeAs(wantRows);
        for (int r = 0; r < wantRows.size(); r++) {
            assertThat(Arrays.deepEquals(gotRows.get(r), wantRows.get(r))).as("row %d of %s", r, format).isTrue();
        }
        if (format.startsWith("votable")) {
            assertThat(parameters(got)).isEqualTo(parameters(want));
        }
    }

    /** A VOTable's INFOs as STIL reads them, but for REQUEST_DATE, which says when each query ran. */
    private static Map<String, String> parameters(StarTable table) {
        Map<String, String> values = new java.util.TreeMap<>();
        table.getParameters().forEach(parameter -> {
            if (!parameter.getInfo().getName().equals("REQUEST_DATE")) {
                values.put(parameter.getInfo().getName(), String.valueOf(parameter.getValue()));
            }
        });
        return values;
    }
}
