package org.tapservice.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.ExternalClient;
import org.tapservice.api.RunningService;

/**
 * The judges of conformance are clients nobody here wrote: stilts taplint and pyvo, run as
 * they are installed (Debian's packages) against the running service with the demo catalogue.
 */
class ConformanceTest extends RunningService {

    /**
     * Stages for features later work adds: ObsCore (OBS) and ObsLocTAP (LOC).
     * Every other stage runs, the async ones (QAS, UWS) included.
     */
    private static final String TAPLINT_STAGES = "-OBS -LOC";
    private static final Pattern TOTALS = Pattern.compile("Totals: Errors: (\\d+); Warnings: (\\d+)");

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(20_000);
    }

    @Test
    void taplintReportsNoErrors() throws Exception {
        String report = ExternalClient.run(List.of("stilts", "taplint", "tapurl=" + baseUrl(),
                "stages=" + TAPLINT_STAGES, "report=EWF", "maxrepeat=5"));
        // kept in the test's output file: the warnings are worth reading even when the test passes
        System.out.println(report);

        Matcher totals = TOTALS.matcher(report);
        assertThat(totals.find()).as("taplint printed no Totals line:%n%s", report).isTrue();
        assertThat(Integer.parseInt(totals.group(1))).as("taplint errors:%n%s", report).isZero();
        assertThat(report).as("taplint failures").doesNotContainPattern("(?m)^F-");
    }

    @Test
    void pyvoQueriesTheServiceAndReadsItsTables() throws Exception {
        String output = ExternalClient.run(List.of("/usr/bin/python3",
                Path.of("src/test/python/pyvo_check.py").toString(), baseUrl()));

        assertThat(output).contains("pyvo: all checks passed");
    }
}
