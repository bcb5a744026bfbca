package org.tapservice.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The capacity report takes its figures from Gatling's HTML report. The fixture is the report
 * of a real run of ConeSearchSimulation (16 users, 15 s, one instance on a loaded machine),
 * whose console summary said: 48 requests, all OK, p50 3,193 ms, p75 8,374, p95 8,628, p99
 * 9,448, max 9,448, mean 4,245, 3 per second.
 */
class GatlingReportTest {

    private static final Path REPORT = Path.of("src/test/resources/gatling-report");

    @Test
    void everyRequestNameAndTheTotalAreRowsOfTheReport() throws Exception {
        assertThat(GatlingReport.read(REPORT)).containsOnlyKeys("All Requests", "sync cone");
    }

    @Test
    void aRowHoldsTheSameFiguresAsGatlingsConsoleSummary() throws Exception {
        Map<String, GatlingReport.Row> rows = GatlingReport.read(REPORT);
        assertThat(rows.get("All Requests")).isEqualTo(new GatlingReport.Row(48, 48, 0, 3.0, 458, 3193, 8374, 8628,
                9448, 9448, 4245));
    }
}
