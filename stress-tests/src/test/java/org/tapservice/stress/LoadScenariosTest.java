package org.tapservice.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

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
    })
    void theScenarioRunsWithoutAFailedRequest(String simulation, int users, int seconds, int requests,
            LocalCluster cluster) throws Exception {
        GatlingRun.Outcome outcome = new GatlingRun(simulation, Map.of("tap.url", cluster.url(),
                "users", String.valueOf(users), "duration", String.valueOf(seconds),
                "requests", String.valueOf(requests), "rows", "100000")).run(Path.of("target/gatling"));
        assertThat(outcome.exitStatus()).as("%s's exit status (its output: %s)", simulation, outcome.output()).isZero();
    }
}
