package org.tapservice.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Redis Cluster of the test's own on loopback: three primaries, each with one replica,
 * started from Debian's redis-server in cluster mode in a temporary directory and joined with
 * {@code redis-cli --cluster create}. The six nodes listen on six consecutive ports from the
 * system property {@code redis.cluster.port} (17001 unless set), their cluster buses 10000
 * above, as Redis does by default. Nodes persist nothing; closing kills them and removes the
 * directory.
 *
 * <p>It talks to the nodes with redis-cli only, so that modules without a Redis client can use
 * it too; the tests reach the cluster with their own client, given {@link #nodes()}.
 */
public final class TestRedisCluster implements AutoCloseable {

    public static final int PRIMARIES = 3;
    private static final int NODES = PRIMARIES * 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int firstPort;
    private final List<Process> servers = new ArrayList<>();

    /** Why this machine cannot run the cluster (redis-server or redis-cli missing), if it cannot. */
    public static Optional<String> missingBinaries() {
        for (String binary : List.of("redis-server", "redis-cli")) {
            boolean found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
            if (!found) {
                return Optional.of(binary + " is not installed (apt-get install redis-server redis-tools)");
            }
        }
        return Optional.empty();
    }

    /** Whether this machine can run the cluster (for JUnit's {@code @EnabledIf}). */
    public static boolean installed() {
        return missingBinaries().isEmpty();
    }

    /**
     * Starts the six nodes, makes them one cluster and returns once every slot is served and
     * every primary has its replica in sync.
     *
     * @throws IllegalStateException if a port is taken (a cluster an earlier run left behind, say)
     *         or the cluster does not form in time
     */
    public static TestRedisCluster start() throws IOException, InterruptedException {
        TestRedisCluster cluster = new TestRedisCluster(Integer.getInteger("redis.cluster.port", 17001));
        try {
            cluster.form();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * The one cluster of this JVM: started by the first caller, stopped when the JVM exits, so
     * that every test class of a run shares it (each under a key namespace of its own).
     */
    public static TestRedisCluster shared() {
        return Shared.CLUSTER;
    }

    private static final class Shared {
        private static final TestRedisCluster CLUSTER = startShared();

        private static TestRedisCluster startShared() {
            try {
                TestRedisCluster cluster = start();
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
                return cluster;
            } catch (IOException e) {
                throw new IllegalStateException("the test Redis Cluster did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting the test Redis Cluster", e);
            }
        }
    }

    private TestRedisCluster(int firstPort) throws IOException {
        this.firstPort = firstPort;
        for (int port : ports()) {
            requireFree(port);
            requireFree(port + 10000);
        }
        this.directory = Files.createTempDirectory("redis-cluster");
    }

    /** The nodes' addresses, as spring.data.redis.cluster.nodes takes them. */
    public String nodes() {
        return String.join(",", IntStream.of(ports()).mapToObj(port -> "127.0.0.1:" + port).toList());
    }

    /** The ports of every node, primaries and replicas, running or not. */
    public List<Integer> nodePorts() {
        return IntStream.of(ports()).boxed().toList();
    }

    /** The ports of the nodes that are primaries serving slots now. */
    public List<Integer> primaryPorts() {
        List<Integer> primaries = new ArrayList<>();
        for (String[] node : clusterNodes()) {
            // fields 8 and on are the slots served
            if (node[2].contains("master") && !node[2].contains("fail") && node.length > 8) {
                primaries.add(port(node[1]));
            }
        }
        return primaries;
    }

    /** The port of the primary serving the slot of this key. */
    public int primaryPortOf(String key) {
        int slot = Integer.parseInt(cli(livePorts().getFirst(), "cluster", "keyslot", key).strip());
        for (String[] node : clusterNodes()) {
            if (!node[2].contains("master")) {
                continue;
            }
            for (int i = 8; i < node.length; i++) {
                if (node[i].startsWith("[")) {
                    // a slot being migrated, not served
                    continue;
                }
                String[] range = node[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (from <= slot && slot <= to) {
                    return port(node[1]);
                }
            }
        }
        throw new IllegalStateException("no primary serves slot " + slot);
    }

    /** Replicas stopped (SIGSTOP) until closed (SIGCONT): they neither replicate nor acknowledge. */
    public interface Paused extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops the replicas of the primary on this port until the answer is closed. */
    public Paused pauseReplicasOf(int primaryPort) {
        String primaryId = cli(primaryPort, "cluster", "myid").strip();
        List<String> pids = new ArrayList<>();
        for (String[] node : clusterNodes()) {
            if (node[2].contains("slave") && node[3].equals(primaryId)) {
                String server = cli(port(node[1]), "info", "server");
                pids.add(server.lines().filter(line -> line.startsWith("process_id:")).findFirst()
                        .orElseThrow().substring("process_id:".length()).strip());
            }
        }
        if (pids.isEmpty()) {
            throw new IllegalStateException("the primary at port " + primaryPort + " has no replica");
        }
        signal("-STOP", pids);
        return () -> signal("-CONT", pids);
    }

    private static void signal(String signal, List<String> pids) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        try {
            if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** CLUSTER NODES, one array of fields per node: id, address, flags, primary id, ..., slots. */
    private List<String[]> clusterNodes() {
        return cli(livePorts().getFirst(), "cluster", "nodes").lines().filter(line -> !line.isBlank())
                .map(line -> line.split(" ")).toList();
    }

    /** The port of a CLUSTER NODES address, {@code host:port@bus}. */
    private static int port(String address) {
        String hostPort = address.substring(0, address.indexOf('@'));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /**
     * How many keys matching a glob pattern each primary holds, by port: what shows that a
     * test's state was spread over the cluster rather than left on one node.
     */
    public Map<Integer, Long> keysPerPrimary(String pattern) {
        Map<Integer, Long> keys = new TreeMap<>();
        for (int port : primaryPorts()) {
            keys.put(port, keysOn(port, pattern));
        }
        return keys;
    }

    /** How many keys matching a glob pattern the node on this port holds. */
    public long keysOn(int port, String pattern) {
        return cli(port, "--scan", "--pattern", pattern).lines().filter(line -> !line.isBlank()).count();
    }

    /** The node's answer to a command, as redis-cli prints it. */
    public String cli(int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        for (Process server : servers) {
            server.destroyForcibly();
        }
        for (Process server : servers) {
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    private void form() throws IOException, InterruptedException {
        for (int port : ports()) {
            servers.add(startNode(port));
        }
        for (int port : ports()) {
            await("node " + port + " answers", () -> answers(port));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        for (int port : ports()) {
            create.add("127.0.0.1:" + port);
        }
        // redis-cli makes the first three nodes the primaries and the others their replicas
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        cli(firstPort, create.toArray(String[]::new));
        for (int port : ports()) {
            await("node " + port + " serves every slot", () -> cli(port, "cluster", "info").contains("cluster_state:ok"));
        }
        // the nodes learn who replicates whom by gossip: ask again until every view agrees
        await("every primary has its replica in sync", () -> {
            List<Integer> primaries = primaryPorts();
            return primaries.size() == PRIMARIES && primaries.stream().allMatch(port -> {
                String replication = cli(port, "info", "replication");
                return replication.contains("role:master") && replication.contains("connected_slaves:1")
                        && replication.contains("state=online");
            });
        });
    }

    /** A node's server; its nodes file keeps its identity in the cluster across a restart. */
    private Process startNode(int port) throws IOException {
        return new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                // a primary that dies is failed over within seconds
                "--cluster-node-timeout", "2000", "--dir", directory.toString(), "--save", "",
                "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("node-" + port + ".log").toFile()))
                .start();
    }

    /** SIGKILLs the node on this port: no goodbye to its clients or to the other nodes. */
    public void kill(int port) throws InterruptedException {
        Process server = servers.get(port - firstPort);
        server.destroyForcibly();
        server.waitFor();
    }

    /** Waits until the replica of the (killed) primary on this port serves its slots, and every slot is served. */
    public void awaitFailoverFrom(int port) throws InterruptedException {
        await("a replica takes over from the primary at port " + port, () -> {
            List<Integer> primaries = primaryPorts();
            return primaries.size() == PRIMARIES && !primaries.contains(port)
                    && livePorts().stream().allMatch(live -> cli(live, "cluster", "info").contains("cluster_state:ok"));
        });
    }

    /**
     * Starts a killed node again. It comes back as the replica of the node that took its place
     * (as a restarted pod would), empty, and this returns once it is in sync.
     */
    public void restart(int port) throws IOException, InterruptedException {
        servers.set(port - firstPort, startNode(port));
        await("node " + port + " is back as a replica in sync", () -> {
            if (!answers(port)) {
                return false;
            }
            String replication = cli(port, "info", "replication");
            return replication.contains("role:slave") && replication.contains("master_link_status:up");
        });
    }

    private List<Integer> livePorts() {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).isAlive()) {
                live.add(firstPort + i);
            }
        }
        return live;
    }

    private boolean answers(int port) {
        try {
            return cli(port, "ping").contains("PONG");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void await(String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis Cluster did not form within " + START_TIMEOUT + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private int[] ports() {
        return IntStream.range(firstPort, firstPort + NODES).toArray();
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is taken, so the test Redis Cluster cannot start"
                    + " there (a cluster an earlier run left behind? set -Dredis.cluster.port to move it)", e);
        }
    }
}
