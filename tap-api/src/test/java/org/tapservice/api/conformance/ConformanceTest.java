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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tapservice.api.ExternalClient;
import org.tapservice.api.RunningService;

/**
 * The judges of conformance are clients nobody here wrote: stilts (taplint, datalinklint,
 * votlint, and cone and coneskymatch as real cone search clients) and pyvo, run as they are
 * installed (Debian's packages) against the running service with the demo catalogue.
 */
class ConformanceTest extends RunningService {

    /**
     * Every stage runs, the async ones (QAS, UWS) and ObsCore's (OBS, on the demo collection, whose
     * s_region is an ADQL REGION as ObsCore 1.1 types it) included, but ObsLocTAP (LOC): the
     * service publishes no ivoa.obsplan.
     */
    private static final String TAPLINT_STAGES = "-LOC";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOTALS = Pattern.compile("Totals: Errors: (\\d+); Warnings: (\\d+)");
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(20_000);
        loadDemoObsCore();
    }

    @Test
    void taplintReportsNoErrors() throws Exception {
        String report = ExternalClient.run(List.of("stilts", "taplint", "tapurl=" + baseUrl(),
                "stages=" + TAPLINT_STAGES, "report=EWF", "maxrepeat=5"));
        // kept in the test's output file: the warnings are worth reading even when the test passes
        System.out.println(report);

        Matcher totals = TOTALS.matcher(report);
        assertThat(totals.find()).as("taplint printed no Totals line:%n%s", report).isTrue();
        assertThat(report).as("the OBS stage ran").contains("Section OBS");
        assertThat(Integer.parseInt(totals.group(1))).as("taplint errors:%n%s", report).isZero();
        assertThat(Integer.parseInt(totals.group(2))).as("taplint warnings:%n%s", report).isZero();
        assertThat(report).as("taplint failures").doesNotContainPattern("(?m)^F-");
    }

    @Test
    void pyvoQueriesTheServiceAndReadsItsTables() throws Exception {
        String output = ExternalClient.run(List.of("/usr/bin/python3",
                Path.of("src/test/python/pyvo_check.py").toString(), baseUrl()));

        assertThat(output).contains("pyvo: all checks passed");
    }

    @Test
    void datalinklintFindsNoErrorInALinksResponse() throws Exception {
        // two demo stars with links (each tenth has some), one without: a NotFoundFault row
        String report = ExternalClient.run(List.of("stilts", "datalinklint", "report=EWF",
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
                String report = ExternalClient.run(List.of("stilts", "votlint", "ucd=true", "unit=true", "votable=" + response));
                assertThat(report.strip()).as("votlint of %s", request).isEmpty();
            } finally {
                Files.deleteIfExists(response);
            }
        }
    }

    @Test
    void stiltsConeFindsWhatTheSameConeFindsThroughTap() throws Exception {
        String counted = ExternalClient.run(List.of("stilts", "cone", "serviceurl=" + baseUrl() + "/scs/demo.stars",
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
            String matched = ExternalClient.run(List.of("stilts", "coneskymatch", "in=" + positions, "ifmt=csv", "ra=ra", "dec=dec",
                    "sr=0.0003", "find=best", "serviceurl=" + baseUrl() + "/scs/demo.stars", "verb=1",
                    "ocmd=select equals(toString(mine),source_id)", "omode=count"));

            assertThat(matched).contains("rows: " + stars.size());
        } finally {
            Files.deleteIfExists(positions);
        }
    }
}
