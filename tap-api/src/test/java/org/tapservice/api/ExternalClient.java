package org.tapservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A client program nobody here wrote (taplint, a pyvo script), run against the service. */
public final class ExternalClient {

    private ExternalClient() {
    }

    /** Runs the command to its end (bounded) and returns what it printed; a non-zero exit fails. */
    public static String run(List<String> command) throws IOException, InterruptedException {
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
