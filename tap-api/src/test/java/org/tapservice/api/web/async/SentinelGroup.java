package org.tapservice.api.web.async;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;

/**
 * A Redis replication group of this test's own on loopback, in a temporary directory: a
 * primary, one replica and three Sentinels watching them under the name {@value #MASTER}.
 * Its primary can be killed (SIGKILL) and brought back; the Sentinels then promote the replica
 * and make the old primary, once back, a replica of the new one.
 */
final class SentinelGroup implements ReplicatedRedis {

    static final String MASTER = "tapmaster";
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final List<Process> sentinels = new ArrayList<>();
    private final int[] serverPorts;
    private final int[] sentinelPorts;
    private final Process[] servers = new Process[2];

    /** Whether Debian's redis-server and redis-sentinel are installed, which this group runs. */
    static Optional<String> missingBinaries() {
        for (String binary : List.of("redis-server", "redis-sentinel")) {
            boolean found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
            if (!found) {
                return Optional.of(binary + " is not installed (apt-get install redis-server redis-sentinel)");
            }
        }
        return Optional.empty();
    }

    SentinelGroup() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("sentinel-group");
        serverPorts = new int[] {ServiceProcesses.freePort(), ServiceProcesses.freePort()};
        sentinelPorts = new int[] {ServiceProcesses.freePort(), ServiceProcesses.freePort(),
            ServiceProcesses.freePort()};
        servers[0] = server(0, Optional.empty());
        servers[1] = server(1, Optional.of(serverPorts[0]));
        awaitReplicaInSync();
        for (int port : sentinelPorts) {
            Path config = directory.resolve("sentinel-" + port + ".conf");
            Files.writeString(config, """
                    port %d
                    bind 127.0.0.1
                    dir %s
                    sentinel monitor %s 127.0.0.1 %d 2
                    sentinel down-after-milliseconds %s 1000
                    sentinel failover-timeout %s 10000
                    sentinel parallel-syncs %s 1
                    """.formatted(port, directory, MASTER, serverPorts[0], MASTER, MASTER, MASTER));
            sentinels.add(start("sentinel-" + port, "redis-sentinel", config.toString()));
        }
    }

    /** The Sentinels' addresses, as spring.data.redis.sentinel.nodes takes them. */
    String sentinelNodes() {
        return String.join(",", Arrays.stream(sentinelPorts).mapToObj(port -> "127.0.0.1:" + port)
                .toList());
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of("spring.data.redis.sentinel.master", MASTER, "spring.data.redis.sentinel.nodes",
                sentinelNodes());
    }

    /** The port of the server the Sentinels name primary now. */
    int primaryPort() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinelPorts[0]));
        try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
            return ((InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER)).getPort();
        } finally {
            client.shutdown();
        }
    }

    /** SIGKILLs the primary; answers which server it was. */
    @Override
    public int killPrimary() throws InterruptedException {
        int primary = primaryPort() == serverPorts[0] ? 0 : 1;
        servers[primary].destroyForcibly();
        servers[primary].waitFor();
        return primary;
    }

    /** Waits until the Sentinels name another primary than the killed server. */
    @Override
    public void awaitFailoverFrom(int killed) throws InterruptedException {
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (primaryPort() == serverPorts[killed]) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no failover within " + FAILOVER_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    /** Starts a killed server again, empty, as a replica of the current primary (as Sentinel would make it). */
    @Override
    public void restart(int server) throws IOException, InterruptedException {
        servers[server] = server(server, Optional.of(primaryPort()));
        awaitReplicaInSync();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process process : sentinels) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Process process : servers) {
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Process server(int index, Optional<Integer> replicaOf) throws IOException {
        int port = serverPorts[index];
        Path dir = Files.createDirectories(directory.resolve("server-" + port));
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no"));
        replicaOf.ifPresent(primary -> command.addAll(List.of("--replicaof", "127.0.0.1", primary.toString())));
        return start("server-" + port, command.toArray(String[]::new));
    }

    /** Waits until the primary counts a replica that is online. */
    private void awaitReplicaInSync() throws InterruptedException {
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int port : serverPorts) {
                RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    String info = connection.sync().info("replication");
                    if (info.contains("role:master") && info.contains("state=online")) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // not up yet, or the one that is down
                } finally {
                    client.shutdown();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the replica did not come in sync within " + FAILOVER_TIMEOUT);
    }

    private Process start(String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile()).start();
    }
}
