package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobStore;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.state.archive.PostgresJobStore;
import org.tapservice.state.archive.TestArchive;

/**
 * A bounded throughput measurement, not a test: N virtual threads each repeat a job's typical
 * life (create, RUN, find, list the owner's 20 newest) for a fixed time after a warm-up, and
 * the operations per second are printed, with each operation's mean latency and the median
 * of the creation's, for the Redis store on the local Redis, the PostgreSQL archive store and
 * the in-memory reference. Run with
 * {@code mvn -pl state-redis -am -Pbenchmark -DskipTests test -Dbench.args="-threads 32 -seconds 20 -warmup 10"};
 * {@code -list false} leaves the list out (the in-memory store's list scans every job it holds,
 * so with it that store measures its own list more than anything else).
 *
 * <p>Both stores do the same work for the same result: the same operations per job, the same
 * threads, warm-up and measured time, each store measured alone. The Redis store journals
 * every step as a deployment's does (one XADD after each change); {@code -journal false}
 * measures it without. The PostgreSQL store gets a connection for every thread
 * ({@code -pool n} to try others) and commits each operation, as it must to be a store.
 *
 * <p>{@code -durability none,archive,replicas:1} runs the Redis store once per creation
 * durability, as a deployment runs it: journaling every change, with an archiver draining the
 * journal into a throwaway archive meanwhile. {@code replicas:n} needs n replicas of the local
 * Redis; its creations run on dedicated connections, one opened per creation (no connection
 * pool is on the test class path). Without {@code -durability} the Redis store acknowledges a
 * creation on Redis' answer and nothing drains its journal.
 */
public final class JobStoreBenchmark {

    private static final List<String> OPERATIONS = List.of("create", "transition RUN", "find", "list owner LAST 20");
    private static final int OWNERS = 64;

    private static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(1);
    private static final OperatingSystemMXBean CLIENT =
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private final int threads;
    private final boolean list;
    private final boolean journal;
    private final Duration warmup;
    private final Duration measured;
    private final SecureRandom random = new SecureRandom();

    private JobStoreBenchmark(int threads, boolean list, boolean journal, Duration warmup, Duration measured) {
        this.threads = threads;
        this.list = list;
        this.journal = journal;
        this.warmup = warmup;
        this.measured = measured;
    }

    public static void main(String[] args) throws Exception {
        int threads = 32;
        int seconds = 10;
        int warmup = 3;
        List<String> stores = List.of("redis", "postgres", "memory");
        List<String> durabilities = List.of();
        boolean list = true;
        boolean journal = true;
        int pool = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-threads" -> threads = Integer.parseInt(args[i + 1]);
                case "-seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "-warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "-stores" -> stores = List.of(args[i + 1].split(","));
                case "-list" -> list = Boolean.parseBoolean(args[i + 1]);
                case "-journal" -> journal = Boolean.parseBoolean(args[i + 1]);
                case "-pool" -> pool = Integer.parseInt(args[i + 1]);
                case "-durability" -> durabilities = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: -threads, -seconds, -warmup, -stores redis,postgres,memory, -list true|false,"
                        + " -journal true|false, -pool N, -durability none,archive,replicas:N)");
            }
        }
        JobStoreBenchmark benchmark = new JobStoreBenchmark(threads, list, journal, Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds));
        System.out.printf("mixed workload: %s; %d virtual threads, %d owners, %d s measured after %d s warm-up%n",
                list ? OPERATIONS : OPERATIONS.subList(0, 3), threads, OWNERS, seconds, warmup);
        for (String store : stores) {
            switch (store) {
                case "redis" -> {
                    if (durabilities.isEmpty()) {
                        benchmark.runOnRedis();
                    }
                    for (String durability : durabilities) {
                        benchmark.runOnJournaledRedis(durability);
                    }
                }
                case "memory" -> benchmark.run("InMemoryJobStore", new InMemoryJobStore());
                case "postgres" -> benchmark.runOnPostgres(pool > 0 ? pool : threads);
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
        }
    }

    /**
     * The Redis store acknowledging creations on Redis' answer, journaling every step unless
     * told not to; nothing drains the journal, whose archiver works against the archive's server.
     */
    private void runOnRedis() throws Exception {
        try (TestRedis redis = TestRedis.connect()) {
            JobKeys keys = new JobKeys("tap-bench:" + UUID.randomUUID());
            try {
                RedisJobStore store = journal
                        ? new RedisJobStore(redis.factory(), keys, Duration.ofHours(1),
                                new JobJournal(keys, 10_000_000), CreationDurability.none())
                        : new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
                run(journal ? "RedisJobStore, journaled" : "RedisJobStore, no journal", store,
                        Optional.of(redisCpu(redis)));
            } finally {
                redis.clean(keys);
            }
        }
    }

    /**
     * The Redis store journaling into a throwaway archive, with this creation durability
     * (none, archive or replicas:n), and an archiver draining the journal all along.
     */
    private void runOnJournaledRedis(String durability) throws Exception {
        try (TestRedis redis = TestRedis.connect(); TestArchive tables = TestArchive.create();
             HikariDataSource statePool = pool(tables, threads)) {
            JobKeys keys = new JobKeys("tap-bench:" + UUID.randomUUID());
            PostgresJobStore archive = new PostgresJobStore(statePool);
            LettuceConnectionFactory dedicated = TestRedis.unsharedFactory();
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService archiving = Executors.newVirtualThreadPerTaskExecutor()) {
                JournalArchiver archiver = new JournalArchiver(redis.factory(), keys, archive, "bench", 500,
                        Duration.ofMinutes(1));
                Future<?> drains = archiving.submit(() -> {
                    while (!stop.get()) {
                        if (archiver.drain() == 0) {
                            Thread.sleep(50);
                        }
                    }
                    return null;
                });
                try {
                    CreationDurability chosen = switch (durability.split(":")[0]) {
                        case "none" -> CreationDurability.none();
                        case "archive" -> CreationDurability.archive(archive);
                        case "replicas" -> CreationDurability.replicas(Integer.parseInt(durability.split(":")[1]),
                                REPLICA_TIMEOUT, dedicated);
                        default -> throw new IllegalArgumentException("unknown durability " + durability
                                + " (known: none, archive, replicas:N)");
                    };
                    run("RedisJobStore, journaled, archiver draining, durability " + durability,
                            new RedisJobStore(redis.factory(), keys, Duration.ofHours(1),
                                    new JobJournal(keys, 10_000_000), chosen), Optional.of(redisCpu(redis)));
                } finally {
                    stop.set(true);
                    drains.get(60, TimeUnit.SECONDS);
                }
            } finally {
                dedicated.destroy();
                redis.clean(keys);
            }
        }
    }

    /** The job archive in a throwaway database, with a connection for every thread. */
    private void runOnPostgres(int connections) throws Exception {
        try (TestArchive tables = TestArchive.create(); HikariDataSource pool = pool(tables, connections)) {
            run("PostgresJobStore, pool of " + connections, new PostgresJobStore(pool));
        }
    }

    /**
     * Redis' CPU time so far (INFO cpu), in nanoseconds, of every node on a cluster; it counts
     * the commands of any other client of the same Redis too.
     */
    private static LongSupplier redisCpu(TestRedis redis) {
        return () -> {
            Properties cpu = redis.template().execute((RedisCallback<Properties>) connection ->
                    connection.serverCommands().info("cpu"));
            double seconds = 0;
            for (String name : requireNonNull(cpu).stringPropertyNames()) {
                // one Redis names them plainly; on a cluster Spring prefixes each node's, summed here
                if (name.endsWith("used_cpu_sys") || name.endsWith("used_cpu_user")) {
                    seconds += Double.parseDouble(cpu.getProperty(name));
                }
            }
            return (long) (seconds * 1e9);
        };
    }

    private static HikariDataSource pool(TestArchive tables, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(tables.database().jdbcUrl());
        config.setUsername(tables.database().user());
        config.setMaximumPoolSize(connections);
        return new HikariDataSource(config);
    }

    private void run(String name, JobStore store) throws Exception {
        run(name, store, Optional.empty());
    }

    /**
     * Warms up, measures, and prints the rates and latencies, with the CPU time this process
     * (the store's client) and, where it can be read, the server spent per operation: on a
     * machine of two cores these show which side limits the rate.
     *
     * @param serverCpu the server's CPU time so far, in nanoseconds
     */
    private void run(String name, JobStore store, Optional<LongSupplier> serverCpu) throws Exception {
        measure(store, warmup, new LatencyHistogram());
        LatencyHistogram creations = new LatencyHistogram();
        long clientStart = CLIENT.getProcessCpuTime();
        long serverStart = serverCpu.map(LongSupplier::getAsLong).orElse(0L);
        LongAdder[] counts = measure(store, measured, creations);
        long clientCpu = CLIENT.getProcessCpuTime() - clientStart;
        Optional<Long> serverSpent = serverCpu.map(cpu -> cpu.getAsLong() - serverStart);
        long total = 0;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            long count = counts[i].sum();
            if (count == 0) {
                continue;
            }
            total += count;
            line.append(String.format("%n    %-20s %,9.0f/s  mean %,7.1f µs", OPERATIONS.get(i),
                    count / (double) measured.toSeconds(), counts[OPERATIONS.size() + i].sum() / 1000.0 / count));
        }
        long operations = Math.max(1, total);
        System.out.printf("%-32s %,10.0f ops/s  (%,.0f job lives/s; create p50 %,.1f µs, p99 %,.1f µs;"
                        + " CPU per operation: client %,.1f µs, server %s)%s%n", name,
                total / (double) measured.toSeconds(), counts[0].sum() / (double) measured.toSeconds(),
                creations.percentile(50) / 1000.0, creations.percentile(99) / 1000.0,
                clientCpu / 1000.0 / operations,
                serverSpent.map(cpu -> String.format("%,.1f µs", cpu / 1000.0 / operations)).orElse("not measured"),
                line);
    }

    /** Runs the workload for the given time; the number of each operation completed. */
    private LongAdder[] measure(JobStore store, Duration time, LatencyHistogram creations) throws Exception {
        LongAdder[] counts = new LongAdder[OPERATIONS.size() * 2];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        lifeOfAJob(store, counts, creations);
                    }
                    return null;
                }));
            }
            Thread.sleep(time);
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        }
        return counts;
    }

    private void lifeOfAJob(JobStore store, LongAdder[] counts, LatencyHistogram creations) {
        String owner = "ivo://example.org/user" + ThreadLocalRandom.current().nextInt(OWNERS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Job job = Job.pending(JobId.random(random), Optional.of(owner), Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT TOP 10 * FROM ivoa.obscore"),
                        Parameter.of("FORMAT", "votable")),
                now, Duration.ofSeconds(3600), now.plus(Duration.ofDays(1)));
        long start = System.nanoTime();
        store.create(job);
        long created = count(counts, 0, start);
        creations.record(created - start);
        start = created;
        TransitionResult run = store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none());
        check(run instanceof TransitionResult.Applied, () -> "RUN refused: " + run);
        start = count(counts, 1, start);
        check(store.find(job.id()).isPresent(), () -> "job not found");
        start = count(counts, 2, start);
        if (!list) {
            return;
        }
        check(!store.list(JobFilter.all().withOwner(OwnerFilter.owner(owner)).withLast(20)).jobs().isEmpty(),
                () -> "empty list");
        count(counts, 3, start);
    }

    /** Counts an operation and the time it took; the time it ended. */
    private static long count(LongAdder[] counts, int operation, long start) {
        long end = System.nanoTime();
        counts[operation].increment();
        counts[OPERATIONS.size() + operation].add(end - start);
        return end;
    }

    /** The message is built only on failure: built every time, it cost the client more than some steps. */
    private static void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new IllegalStateException(requireNonNull(message.get()));
        }
    }
}
