package org.tapservice.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.RunningService;
import org.tapservice.api.admin.demo.DemoLoader;
import org.tapservice.api.admin.publish.PgCatalog;
import org.tapservice.api.admin.publish.TablePublisher;
import org.tapservice.api.admin.publish.TapSchemaStore;

/**
 * The judges of conformance are clients nobody here wrote: stilts (taplint, datalinklint,
 * votlint, and cone and coneskymatch as real cone search clients) and pyvo, run as they are
 * installed (Debian's packages) against the running service with the demo catalogue.
 */
class ConformanceTest extends RunningService {

    /**
     * Stages for features later work adds: ObsCore (OBS) and ObsLocTAP (LOC).
     * Every other stage runs, the async ones (QAS, UWS) included.
     */
    private static final String TAPLINT_STAGES = "-OBS -LOC";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOTALS = Pattern.compile("Totals: Errors: (\\d+); Warnings: (\\d+)");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    @BeforeAll
    void loadDemoCatalogue() {
        TablePublisher publisher = new TablePublisher(new PgCatalog(jdbc), new TapSchemaStore(jdbc), transactions);
        new DemoLoader(dataSource, jdbc, transactions, publisher).load(20_000);
        refreshCatalogue();
    }

    @Test
    void taplintReportsNoErrors() throws Exception {
        String report = run(List.of("stilts", "taplint", "tapurl=" + baseUrl(), "stages=" + TAPLINT_STAGES,
                "report=EWF", "maxrepeat=5"));
        // kept in the test's output file: the warnings are worth reading even when the test passes
        System.out.println(report);

        Matcher totals = TOTALS.matcher(report);
        assertThat(totals.find()).as("taplint printed no Totals line:%n%s", report).isTrue();
        assertThat(Integer.parseInt(totals.group(1))).as("taplint errors:%n%s", report).isZero();
        assertThat(report).as("taplint failures").doesNotContainPattern("(?m)^F-");
    }

    @Test
    void pyvoQueriesTheServiceAndReadsItsTables() throws Exception {
        String output = run(List.of("/usr/bin/python3", Path.of("src/test/python/pyvo_check.py").toString(), baseUrl()));

        assertThat(output).contains("pyvo: all checks passed");
    }

    @Test
    void datalinklintFindsNoErrorInALinksResponse() throws Exception {
        // two demo stars with links (each tenth has some), one without: a NotFoundFault row
        String report = run(List.of("stilts", "datalinklint", "report=EWF",
                "votable=" + baseUrl() + "/links?ID=Demo%2010&ID=Demo%2020&ID=Demo%203"));
        System.out.println(report);

        // like taplint, datalinklint exits 0 whatever it finds: its totals are the verdict
        Matcher totals = TOTALS.matcher(report);
        assertThat(totals.find()).as("datalinklint printed no Totals line:%n%s", report).isTrue();
        assertThat(Integer.parseInt(totals.group(1))).as("datalinklint errors:%n%s", report).isZero();
        assertThat(Integer.parseInt(totals.group(2))).as("datalinklint warnings:%n%s", report).isZero();
        assertThat(report).as("datalinklint failures").doesNotContainPattern("(?m)^F-");
    }

    @Test
    void votlintFindsNothingToSayOfConeSearchResponsesAndResultsWithServiceDescriptors() throws Exception {
        List<String> requests = List.of("/scs/demo.stars?RA=180&DEC=0&SR=0.5", "/scs/demo.stars?MAXREC=0",
                "/scs/demo.stars?RA=180&DEC=0&SR=0.5&VERB=3", "/scs/demo.stars?RA=180&DEC=0&SR=0.5&VERB=1&FOO=bar",
                "/scs/demo.stars?RA=180&DEC=95&SR=0.5",
                "/sync?LANG=ADQL&RESPONSEFORMAT=votable/td&QUERY=SELECT%20TOP%205%20*%20FROM%20demo.stars",
                "/links?ID=Demo%2010&ID=Demo%203");
        for (String request : requests) {
            // fetched here: votlint refuses to read the body of a 400, the error document
            Path response = Files.createTempFile("response", ".vot");
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + request)).build(),
                        HttpResponse.BodyHandlers.ofFile(response));
                String report = run(List.of("stilts", "votlint", "ucd=true", "unit=true", "votable=" + response));
                assertThat(report.strip()).as("votlint of %s", request).isEmpty();
            } finally {
                Files.deleteIfExists(response);
            }
        }
    }

    @Test
    void stiltsConeFindsWhatTheSameConeFindsThroughTap() throws Exception {
        String counted = run(List.of("stilts", "cone", "serviceurl=" + baseUrl() + "/scs/demo.stars",
                "lon=180", "lat=0", "radius=2", "omode=count"));
        long expected = jdbc.queryForObject("SELECT count(*) FROM demo.stars WHERE "
                + "spoint(radians(ra), radians(dec)) <@ scircle(spoint(radians(180), 0), radians(2))", Long.class);

        assertThat(expected).isPositive();
        assertThat(counted).contains("rows: " + expected);
    }

    @Test
    void stiltsConeskymatchFindsEachStarOfAListAtItsOwnPosition() throws Exception {
        Path positions = Files.createTempFile("positions", ".csv");
        try {
            List<String> stars = jdbc.queryForList("SELECT source_id || ',' || ra || ',' || dec FROM demo.stars "
                    + "ORDER BY source_id LIMIT 5", String.class);
            Files.writeString(positions, "mine,ra,dec\n" + String.join("\n", stars) + "\n");
            String matched = run(List.of("stilts", "coneskymatch", "in=" + positions, "ifmt=csv", "ra=ra", "dec=dec",
                    "sr=0.0003", "find=best", "serviceurl=" + baseUrl() + "/scs/demo.stars", "verb=1",
                    "ocmd=select equals(toString(mine),source_id)", "omode=count"));

            assertThat(matched).contains("rows: " + stars.size());
        } finally {
            Files.deleteIfExists(positions);
        }
    }

    /** Runs a client to its end (bounded) and returns what it printed; a non-zero exit fails. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("conformance", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command.getFirst() + " did not finish within 5 minutes:\n"
                        + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s exited with an error:%n%s", command.getFirst(), text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
