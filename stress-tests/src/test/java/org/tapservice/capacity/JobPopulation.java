package org.tapservice.capacity;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.cluster.LocalCluster;
import org.tapservice.cluster.Psql;

/**
 * What the number of jobs in the system costs: at 10^3, 10^4, 10^5... jobs, how long job lists
 * take (UWS 2.2.2.1: a user with a few jobs, and an owner with a tenth of them all, newest 20
 * with LAST, the last hour with AFTER, and whole), how much memory Redis and the service use,
 * and how long the reaper takes to destroy a batch of jobs past their destruction time.
 *
 * <p>Creating 10^5 jobs over HTTP would take longer than the rest of the report, so the jobs
 * are seeded as the service itself restores them after losing Redis: rows are inserted into the
 * PostgreSQL job archive in bulk (one INSERT ... SELECT from generate_series), Redis is
 * restarted empty, and the instance's own state recovery rebuilds Redis from the archive, which
 * is timed too. The seeded jobs are COMPLETED queries without results; a tenth belong to the
 * heavy owner, ten to the typical one, the rest to anonymous callers. Their ids are made in the
 * owners' buckets, which the service tells by the id of one job created over HTTP for each.
 * The cluster has a database of its own, so that no other deployment's reaper or rebuild on the
 * same PostgreSQL sees these jobs.
 */
final class JobPopulation {

    /** A job list and what it took: the jobs it held, the median and slowest of its requests. */
    record Listing(String what, int jobs, int requests, double p50Millis, double maxMillis) {
    }

    /** A batch destroyed by the reaper: from its first job's to its last one's disappearance. */
    record Reaping(int jobs, double sweepSeconds, double lateSeconds) {
    }

    /** The figures at one number of jobs. */
    record Count(long jobs, long restored, double rebuildSeconds, long redisBytes, long redisKeys, long heapLive,
            ServerMemory.Resident resident, List<Listing> listings, Reaping reaping) {
    }

    static final String TYPICAL = "typical";
    static final String HEAVY = "heavy";
    private static final String PASSWORD = "capacity";
    private static final int TYPICAL_JOBS = 10;
    private static final int REAPED = 1000;
    private static final int PROBE = 50;
    private static final Duration REAPER_PERIOD = Duration.ofSeconds(2);
    private static final Pattern REBUILT = Pattern.compile("Redis was rebuilt from the job archive: ([0-9]+) jobs restored");
    private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:([0-9]+)");
    private static final String QUERY = "SELECT TOP 10 source_id, ra, dec FROM demo.stars";

    private final LocalCluster cluster;
    private final Psql archive;
    private final URI instanceUrl;
    private final ServerMemory memory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    JobPopulation(LocalCluster cluster, Psql archive) throws IOException {
        this.cluster = cluster;
        this.archive = archive;
        this.instanceUrl = URI.create("http://127.0.0.1:" + cluster.instancePort(1) + "/tap");
        this.memory = new ServerMemory(instanceUrl, cluster.instancePids().getFirst());
    }

    /**
     * How {@code bin/tap cluster} runs the instance for this: on its own database, with the two
     * owners as HTTP Basic users (anonymous jobs stay allowed) and a reaper that sweeps every
     * {@link #REAPER_PERIOD}, so that a batch's destruction is seen within seconds.
     */
    static Map<String, String> clusterEnvironment(String database) {
        Map<String, String> environment = new HashMap<>(LocalCluster.onDatabase(database));
        environment.put("TAP_CLUSTER_DEMO_ROWS", "1000");
        environment.put("TAP_CLUSTER_ARGS", String.join(" ", "--tap.security.mode=basic", user(0, TYPICAL),
                user(1, HEAVY), "--tap.uws.housekeeping.reaper-period=" + REAPER_PERIOD.toSeconds() + "s"));
        return Map.copyOf(environment);
    }

    private static String user(int index, String name) {
        return "--tap.security.basic.users[%d].name=%s --tap.security.basic.users[%d].password={noop}%s"
                .formatted(index, name, index, PASSWORD);
    }

    List<Count> measure(List<Long> jobCounts) throws Exception {
        Map<Optional<String>, String> buckets = Map.of(Optional.of(TYPICAL), bucket(Optional.of(TYPICAL)),
                Optional.of(HEAVY), bucket(Optional.of(HEAVY)), Optional.empty(), bucket(Optional.empty()));
        List<Count> counts = new ArrayList<>();
        for (long jobs : jobCounts) {
            System.out.printf("%s: %,d jobs in the system%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), jobs);
            seed(Optional.of(TYPICAL), TYPICAL_JOBS, buckets);
            seed(Optional.of(HEAVY), jobs / 10, buckets);
            seed(Optional.empty(), jobs - jobs / 10 - TYPICAL_JOBS, buckets);
            long started = System.nanoTime();
            long restored = rebuild();
            double rebuildSeconds = (System.nanoTime() - started) / 1e9;
            String redisMemory = redis("INFO", "memory");
            Matcher used = USED_MEMORY.matcher(redisMemory);
            long redisBytes = used.find() ? Long.parseLong(used.group(1)) : -1;
            long redisKeys = Long.parseLong(redis("DBSIZE").strip());
            List<Listing> listings = listings();
            long heapLive = liveHeap();
            counts.add(new Count(archive.count("SELECT count(*) FROM tap_uws.jobs"), restored, rebuildSeconds,
                    redisBytes, redisKeys, heapLive, memory.resident(), listings, reap()));
        }
        return counts;
    }

    /** The bucket of an owner's job ids, from the id the service gives a new job of theirs. */
    private String bucket(Optional<String> owner) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(as(owner, HttpRequest.newBuilder(URI.create(instanceUrl + "/async")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Form.of(Map.of("LANG", "ADQL", "QUERY", QUERY))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("a job creation answered " + created.statusCode()
                        + " without Location: " + created.body()));
        return location.substring(location.lastIndexOf('/') + 1, location.lastIndexOf('/') + 3);
    }

    /** Inserts COMPLETED jobs of the owner into the archive until it holds {@code total} of theirs. */
    private void seed(Optional<String> owner, long total, Map<Optional<String>, String> buckets)
            throws IOException, InterruptedException {
        String ownerSql = owner.map(name -> "'" + name + "'").orElse("NULL");
        long held = archive.count("SELECT count(*) FROM tap_uws.jobs WHERE owner_id IS NOT DISTINCT FROM " + ownerSql);
        if (total <= held) {
            return;
        }
        // 18 random id characters after the bucket, URL-safe base64 like the service's own
        archive.query("""
                WITH seeded AS (
                    INSERT INTO tap_uws.jobs (job_id, owner_id, phase, execution_duration, destruction,
                                              creation_time, start_time, end_time)
                    SELECT '%s' || substr(translate(encode(decode(md5(random()::text || clock_timestamp() || i), 'hex'),
                                                           'base64'), '+/', '-_'), 1, 18),
                           %s, 'COMPLETED', 3600, now() + interval '30 days', created, created,
                           created + interval '1 second'
                    FROM (SELECT i, now() - random() * interval '30 days' AS created
                          FROM generate_series(1, %d) AS i) AS s
                    RETURNING job_id)
                INSERT INTO tap_uws.job_parameters (job_id, position, name, value, by_reference)
                SELECT job_id, p.position, p.name, p.value, false
                FROM seeded, (VALUES (0, 'LANG', 'ADQL'), (1, 'QUERY', '%s')) AS p (position, name, value)
                """.formatted(buckets.get(owner), ownerSql, total - held, QUERY));
    }

    /**
     * Restarts Redis empty and waits for the instance to rebuild it from the archive, as it does
     * after losing Redis; the number of jobs it says it restored.
     */
    private long rebuild() throws IOException, InterruptedException {
        Path log = cluster.directory().resolve("instance-1.log");
        long rebuildsBefore = rebuilds(log).size();
        cluster.restartRedis();
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
        while (System.nanoTime() < deadline) {
            List<Long> rebuilds = rebuilds(log);
            if (rebuilds.size() > rebuildsBefore) {
                return rebuilds.getLast();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the instance did not rebuild Redis within 2 hours; see " + log);
    }

    private static List<Long> rebuilds(Path log) throws IOException {
        List<Long> restored = new ArrayList<>();
        Matcher line = REBUILT.matcher(Files.readString(log));
        while (line.find()) {
            restored.add(Long.parseLong(line.group(1)));
        }
        return restored;
    }

    private List<Listing> listings() throws IOException, InterruptedException {
        String lastHour = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        return List.of(
                listing("user with " + TYPICAL_JOBS + " jobs: all", TYPICAL, ""),
                listing("heavy owner: LAST=20", HEAVY, "?LAST=20"),
                listing("heavy owner: AFTER 1 h ago", HEAVY, "?AFTER=" + lastHour),
                listing("heavy owner: all", HEAVY, ""));
    }

    /** The list asked for again and again, for 20 requests or 10 s, whichever ends first (3 at least). */
    private Listing listing(String what, String owner, String query) throws IOException, InterruptedException {
        HttpRequest request = as(Optional.of(owner), HttpRequest.newBuilder(URI.create(instanceUrl + "/async" + query)))
                .timeout(Duration.ofMinutes(5)).build();
        List<Double> millis = new ArrayList<>();
        int jobs = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (millis.size() < 20 && (millis.size() < 3 || System.nanoTime() < until)) {
            long started = System.nanoTime();
            HttpResponse<String> list = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - started) / 1e6);
            if (list.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + list.statusCode() + ": " + list.body());
            }
            jobs = list.body().split("<uws:jobref", -1).length - 1;
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Listing(what, jobs, sorted.length, sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    /**
     * Creates a batch of jobs over HTTP, all to be destroyed at the same time, and times the
     * reaper destroying them: the archive's count of them, read every 100 ms, from its first
     * fall to zero, and how long after their destruction time the last one went. The
     * destruction time leaves twice the time the batch's creation should take, judged from a
     * probe of {@value #PROBE} creations, so that the reaper meets the whole batch in one sweep.
     */
    private Reaping reap() throws Exception {
        long probing = System.nanoTime();
        create(PROBE, Optional.empty());
        Duration creation = Duration.ofNanos((System.nanoTime() - probing) * REAPED / PROBE);
        Instant destruction = Instant.now().plus(creation.multipliedBy(2)).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        create(REAPED, Optional.of(destruction));
        if (Instant.now().isAfter(destruction)) {
            System.out.println("  (the batch to reap took longer to create than foreseen: its reaping began before"
                    + " the last job was created)");
        }
        String due = "SELECT count(*) FROM tap_uws.jobs WHERE destruction = '" + destruction + "'";
        long firstFall = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            long left = archive.count(due);
            long now = System.nanoTime();
            if (left < REAPED && firstFall == 0) {
                firstFall = now;
            }
            if (left == 0) {
                return new Reaping(REAPED, (now - firstFall) / 1e9,
                        Duration.between(destruction, Instant.now()).toMillis() / 1e3);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the reaper left jobs past their destruction time for 10 minutes");
    }

    /** Creates anonymous PENDING jobs over HTTP, 8 at a time, with this DESTRUCTION if given. */
    private void create(int jobs, Optional<Instant> destruction) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("LANG", "ADQL", "QUERY", QUERY));
        destruction.ifPresent(time -> parameters.put("DESTRUCTION", time.toString()));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> creating = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                creating.add(clients.submit(() -> {
                    while (next.getAndIncrement() < jobs) {
                        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(instanceUrl + "/async"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(Form.of(parameters)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (created.statusCode() != 303) {
                            throw new IllegalStateException("creating a job: HTTP " + created.statusCode() + ": "
                                    + created.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : creating) {
                client.get();
            }
        }
    }

    /** The heap the instance's live objects take: in use right after a full collection (jcmd GC.run). */
    private long liveHeap() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(memory.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor(2, TimeUnit.MINUTES);
        return (long) memory.heapUsed().orElse(-1);
    }

    private String redis(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(cluster.redisPort())));
        line.addAll(Arrays.asList(command));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes());
        cli.waitFor(1, TimeUnit.MINUTES);
        return output;
    }

    private static HttpRequest.Builder as(Optional<String> owner, HttpRequest.Builder request) {
        owner.ifPresent(name -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(UTF_8))));
        return request;
    }
}
