package org.tapservice.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapservice.cluster.ClusterExtension;
import org.tapservice.cluster.LocalCluster;

/**
 * The build's short profile of the load scenarios: each simulation for a few seconds against
 * the local cluster, in a JVM of its own as Gatling runs, failing on any failed request (every
 * simulation asserts none). The HTML reports land in target/gatling; the long runs and the
 * capacity report are {@code bin/tap capacity-report}'s.
 */
@ExtendWith(ClusterExtension.class)
class LoadScenariosTest {

    @ParameterizedTest(name = "{0} with {1} users for {2} s")
    @CsvSource({
            "ConeSearchSimulation, 8, 8, 1000000",
            "AsyncJobsSimulation, 4, 8, 1000000",
            "AsyncBurstSimulation, 50, 20, 1",
            "MixedUsersSimulation, 8, 8, 1000000",
            "LargeResultSimulation, 2, 10, 2",
            "UploadSimulation, 2, 8, 1000000",
            "WaitHeavySimulation, 2, 10, 2",
            // QuotaUsersSimulation: a test of its own below, which checks its refusals as well
    })
    void theScenarioRunsWithoutAFailedRequest(String simulation, int users, int seconds, int requests,
            LocalCluster cluster) throws Exception {
        GatlingRun.Outcome outcome = new GatlingRun(simulation, Map.of("tap.url", cluster.url(),
                "users", String.valueOf(users), "duration", String.valueOf(seconds),
                "requests", String.valueOf(requests), "rows", "100000")).run(Path.of("target/gatling"));
        assertThat(outcome.exitStatus()).as("%s's exit status (its output: %s)", simulation, outcome.output()).isZero();
    }

    /**
     * Users asking for more than their quota are refused as the quota says (429 and its error
     * document: any other answer fails the simulation), while what was accepted completes.
     */
    @Test
    void usersBeyondTheirQuotaAreRefusedAndTheirAcceptedJobsComplete(LocalCluster cluster) throws Exception {
        Map<String, String> properties = new HashMap<>(QuotaUsers.fromSystemProperties().systemProperties());
        properties.putAll(Map.of("tap.url", cluster.url(), "users", "4", "duration", "20", "requests", "1000000"));
        GatlingRun.Outcome outcome = new GatlingRun("QuotaUsersSimulation", properties).run(Path.of("target/gatling"));
        assertThat(outcome.exitStatus()).as("QuotaUsersSimulation's exit status (its output: %s)", outcome.output())
                .isZero();
        QuotaOutcomes.Summary summary = QuotaOutcomes.Summary.in(Files.readString(outcome.output()))
                .orElseThrow(() -> new AssertionError("no summary in " + outcome.output()));
        assertThat(summary.jobsRefused()).as("creations refused by the queued-jobs quota: " + summary.line())
                .isPositive();
        assertThat(summary.jobsCompleted()).as("accepted jobs that completed: " + summary.line())
                .isPositive().isEqualTo(summary.jobsAccepted());
        assertThat(summary.syncRefused()).as("sync queries refused by the sync rate: " + summary.line()).isPositive();
        assertThat(summary.syncAnswered()).as("sync queries answered: " + summary.line()).isPositive();
    }
}
