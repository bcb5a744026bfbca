package org.tapservice.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // Gatling's log writer reads String internals, as its own launcher allows.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dtap.url=" + cluster.url(), "-Dusers=" + users, "-Dduration=" + seconds, "-Drequests=" + requests,
                "-Drows=100000",
                "io.gatling.app.Gatling", "-s", LoadScenariosTest.class.getPackageName() + "." + simulation,
                "-rf", new File("target/gatling").getAbsolutePath(), "-rd", "build's short profile"));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/gatling-" + simulation + ".log")).start();
        assertThat(gatling.waitFor(5, TimeUnit.MINUTES)).as("%s finished", simulation).isTrue();
        assertThat(gatling.exitValue()).as("%s's exit status (its output: target/gatling-%s.log)", simulation, simulation)
                .isZero();
    }
}
