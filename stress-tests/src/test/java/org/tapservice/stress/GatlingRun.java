package org.tapservice.stress;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One simulation run by Gatling in a JVM of its own (as its own launcher does), with the
 * {@link Load} settings as system properties; its HTML report goes under {@code resultsFolder}.
 *
 * @param simulation  the simulation's simple class name, in this package
 * @param properties  system properties of the run (tap.url, users, duration, requests, rows...)
 */
public record GatlingRun(String simulation, Map<String, String> properties) {

    /** How a run ended: Gatling's exit status, where its output and report are. */
    public record Outcome(int exitStatus, Path output, Path report) {
    }

    public Outcome run(Path resultsFolder) throws IOException, InterruptedException {
        Files.createDirectories(resultsFolder);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // Gatling's log writer reads String internals, as its own launcher allows.
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("io.gatling.app.Gatling", "-s", GatlingRun.class.getPackageName() + "." + simulation,
                "-rf", resultsFolder.toAbsolutePath().toString()));
        Path output = resultsFolder.resolve(simulation + "-" + System.currentTimeMillis() + ".log");
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!gatling.waitFor(30, TimeUnit.MINUTES)) {
            gatling.destroyForcibly();
            throw new IllegalStateException(simulation + " did not finish; its output: " + output);
        }
        return new Outcome(gatling.exitValue(), output, newestReport(resultsFolder, simulation));
    }

    private static Path newestReport(Path resultsFolder, String simulation) throws IOException {
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.filter(run -> run.getFileName().toString().startsWith(simulation.toLowerCase() + "-"))
                    .filter(run -> new File(run.toFile(), "index.html").isFile())
                    .max(Comparator.comparing(run -> run.toFile().lastModified())).orElse(null);
        }
    }
}
