package org.tapservice.api.web.async;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.tapservice.api.TapApplication;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;

/**
 * Instances of the service as separate processes, as a deployment runs them: each a JVM of its
 * own started from this test's class path, on a port of its own, sharing one PostgreSQL test
 * database and one Redis namespace. A process can be killed (SIGKILL: no shutdown hook, no
 * goodbye to Redis or PostgreSQL) or terminated (SIGTERM: the orderly shutdown Kubernetes asks
 * for). Each instance's archive connections carry its name as their application name, so
 * {@code pg_stat_activity} tells which instance runs which query. Their output goes to
 * {@code target/instances/}.
 */
final class ServiceProcesses implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Generous: on a loaded two-core machine three JVMs starting at once each got a twentieth of
     * a core and took over three minutes to start.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    /** One running instance. */
    record Instance(String name, Process process, String url, Path log) {
    }

    private final TestDatabase database = TestDatabase.createBare();
    private final String namespace = "tap-test:" + UUID.randomUUID();
    private final Map<String, String> common = new LinkedHashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private boolean sampleInstalled;

    /** @param properties settings every instance gets besides the database and namespace */
    ServiceProcesses(Map<String, String> properties) {
        common.put("spring.datasource.url", database.jdbcUrl());
        common.put("spring.datasource.username", database.user());
        common.put("tap.uws.namespace", namespace);
        // several JVMs and the other tests share the test PostgreSQL's connections
        common.put("spring.datasource.hikari.maximum-pool-size", "4");
        common.put("tap.archive.maximum-pool-size", "4");
        common.put("tap.uws.housekeeping.recovery-check", "500ms");
        common.put("tap.uws.housekeeping.journal-drain", "200ms");
        common.putAll(properties);
    }

    TestDatabase database() {
        return database;
    }

    String namespace() {
        return namespace;
    }

    /**
     * Makes the instances started from now on reach PostgreSQL through this port (a
     * {@link TcpProxy}) for both their pools; the test still reaches it directly.
     */
    void databaseThrough(int port) {
        common.put("spring.datasource.url", database.jdbcUrl().replaceFirst(":[0-9]+/", ":" + port + "/"));
    }

    /** Starts instances in parallel and returns once each serves requests; their names are instance-0, -1... */
    List<Instance> start(int count) throws IOException, InterruptedException {
        List<Instance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(launch("instance-" + instances.size()));
        }
        for (Instance instance : started) {
            awaitAvailable(instance);
        }
        if (!sampleInstalled) {
            // TAP_SCHEMA exists once an instance has migrated the database; instances re-read it
            SampleCatalogue.install(database);
            sampleInstalled = true;
        }
        return started;
    }

    List<Instance> instances() {
        return List.copyOf(instances);
    }

    List<Instance> alive() {
        return instances.stream().filter(instance -> instance.process().isAlive()).toList();
    }

    /** SIGKILL: the JVM ends at once, mid-whatever it was doing. */
    void kill(Instance instance) throws InterruptedException {
        instance.process().destroyForcibly();
        instance.process().waitFor();
    }

    /** SIGTERM: the JVM runs its shutdown hooks, Spring's orderly shutdown among them. */
    void terminate(Instance instance) {
        instance.process().destroy();
    }

    /** The end of an instance's output, to explain a failure. */
    static String tail(Instance instance) {
        try {
            List<String> lines = Files.readAllLines(instance.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().destroyForcibly();
        }
        for (Instance instance : instances) {
            instance.process().waitFor(30, TimeUnit.SECONDS);
        }
        database.close();
    }

    private Instance launch(String name) throws IOException {
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>(common);
        properties.put("server.port", Integer.toString(port));
        properties.put("tap.archive.url", properties.get("spring.datasource.url") + "?ApplicationName=" + name);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: several of these share the machine with the build
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), TapApplication.class.getName()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "instances", namespace.substring(namespace.indexOf(':') + 1) + "-" + name
                + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Instance instance = new Instance(name, process, "http://localhost:" + port + "/tap", log);
        instances.add(instance);
        return instance;
    }

    private static void awaitAvailable(Instance instance) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.process().isAlive()) {
                throw new IllegalStateException(instance.name() + " exited at start-up:\n" + tail(instance));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.url()
                        + "/availability")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(instance.name() + " did not start within " + START_TIMEOUT + ":\n"
                + tail(instance));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
