package org.tapservice.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The instances, load balancer and Redis (or Redis under Sentinel) that {@code bin/tap cluster} runs on loopback, driven
 * from a test: started once ({@link ClusterExtension}), faults staged through the same commands
 * an operator would use. Closed (stopped) by JUnit at the end of the run.
 */
public final class LocalCluster implements AutoCloseable {

    private final int port;
    private final int instances;
    private final Map<String, String> environment;

    private LocalCluster(int port, int instances, Map<String, String> environment) {
        this.port = port;
        this.instances = instances;
        this.environment = Map.copyOf(environment);
    }

    public static LocalCluster start(int port, int instances) throws IOException, InterruptedException {
        return start(port, instances, Map.of());
    }

    /**
     * A cluster whose {@code bin/tap cluster} commands run with these environment variables
     * besides the caller's: another database ({@code TAP_DB}), Spring arguments for every
     * instance ({@code TAP_CLUSTER_ARGS}, added to the caller's; no spaces inside one argument),
     * the demo catalogue's size...
     */
    public static LocalCluster start(int port, int instances, Map<String, String> environment)
            throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(port, instances, environment);
        cluster.run("up", String.valueOf(instances));
        return cluster;
    }

    /**
     * The environment that puts a cluster on another database of the local PostgreSQL (PGHOST,
     * PGPORT as for bin/setup-postgres): its job archive and its catalogue both, the demo loaded
     * there when missing.
     */
    public static Map<String, String> onDatabase(String database) {
        String postgres = System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("PGPORT", "5432");
        return Map.of("TAP_DB", database, "SPRING_DATASOURCE_URL", "jdbc:postgresql://" + postgres + "/" + database);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/tap";
    }

    public int instances() {
        return instances;
    }

    /** The port of instance {@code i} (1..instances), past the load balancer. */
    public int instancePort(int i) {
        return port + i;
    }

    /** The port of the cluster's own Redis. */
    public int redisPort() {
        return port + 100;
    }

    /** Where the cluster keeps its pid files and logs (see bin/lib/cluster.bash). */
    public Path directory() {
        return Path.of("/tmp/tap-cluster-" + port);
    }

    /** The process ids of the running instances and of the cluster's Redis. */
    public List<Long> instancePids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            pid(directory().resolve("instance-" + i + ".pid")).ifPresent(pids::add);
        }
        return pids;
    }

    public Optional<Long> redisPid() throws IOException {
        return pid(directory().resolve("redis.pid"));
    }

    private static Optional<Long> pid(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
    }

    public void kill(int instance) throws IOException, InterruptedException {
        run("kill", String.valueOf(instance));
    }

    public void stop(int instance) throws IOException, InterruptedException {
        run("stop", String.valueOf(instance));
    }

    public void start(int instance) throws IOException, InterruptedException {
        run("start", String.valueOf(instance));
    }

    public void restartRedis() throws IOException, InterruptedException {
        run("redis-restart");
    }

    /** Saves Redis' data to the file {@link #restartRedisFromSnapshot()} loads. */
    public void snapshotRedis() throws IOException, InterruptedException {
        run("redis-snapshot");
    }

    /**
     * SIGKILLs Redis and starts it again with the data of the last {@link #snapshotRedis()}: a
     * Redis that persists by snapshots, coming back without what it acknowledged since.
     */
    public void restartRedisFromSnapshot() throws IOException, InterruptedException {
        run("redis-restart", "--from-snapshot");
    }

    public void postgresOutage(int seconds) throws IOException, InterruptedException {
        run("postgres-outage", String.valueOf(seconds));
    }

    /**
     * From here on Redis is a primary, two replicas and three Sentinels, and the instances
     * (restarted) follow the Sentinels with creations acknowledged once a replica holds them.
     * There is no way back but {@link #close()}: scenarios that need the single Redis come first.
     */
    public void useSentinel() throws IOException, InterruptedException {
        run("up", String.valueOf(instances), "--sentinel");
    }

    /** SIGKILLs the Redis primary; returns once a replica is promoted and the old primary is back as a replica. */
    public void redisFailover() throws IOException, InterruptedException {
        run("redis-failover");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("down");
    }

    private void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Checkout.resolve("bin/tap").toString(), "cluster"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Checkout.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TAP_CLUSTER_PORT", String.valueOf(port));
        builder.environment().put("TAP_CLUSTER_DIR", directory().toString());
        builder.environment().putIfAbsent("TAP_CLUSTER_DEMO_ROWS", "200000");
        environment.forEach((name, value) -> builder.environment().merge(name, value,
                name.equals("TAP_CLUSTER_ARGS") ? (given, ours) -> given + " " + ours : (given, ours) -> ours));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/tap cluster " + String.join(" ", arguments) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/tap cluster " + String.join(" ", arguments) + " failed: exit "
                    + process.exitValue());
        }
    }
}
