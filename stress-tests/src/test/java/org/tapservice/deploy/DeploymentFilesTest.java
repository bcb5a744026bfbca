package org.tapservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tapservice.cluster.Checkout;

/**
 * The deployment files are checked by the tools that will read them: Compose's own parser, the
 * load balancer's configuration check, and the Kubernetes API's schemas. A file that would be
 * refused at deployment time fails the build instead.
 */
class DeploymentFilesTest {


    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        String[] compose = onPath("docker-compose")
                ? new String[] {"docker-compose", "config", "--quiet"}
                : new String[] {"docker", "compose", "config", "--quiet"};
        assertSucceeds(Checkout.root(), compose);
    }

    @Test
    void haproxyAcceptsTheLoadBalancerConfiguration() throws Exception {
        assertSucceeds(Checkout.root(), "haproxy", "-c", "-f", "deploy/haproxy/haproxy.cfg");
    }

    @Test
    void everyKubernetesManifestIsValidAgainstTheApiSchemasAndListedInTheKustomization() throws Exception {
        Path checker = Checkout.resolve("deploy/kubernetes/validate");
        if (!Files.isDirectory(checker.resolve("node_modules"))) {
            assertSucceeds(checker, "npm", "ci", "--no-audit", "--no-fund");
        }
        assertSucceeds(checker, "node", "check.mjs", "..");
    }

    private static void assertSucceeds(Path directory, String... command) throws IOException, InterruptedException {
        assertThat(onPath(command[0])).as("%s is installed (.ci/run installs it)", command[0]).isTrue();
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s said:%n%s", String.join(" ", command), output).isZero();
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
