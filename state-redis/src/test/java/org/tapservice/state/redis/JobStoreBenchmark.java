package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.tapservice.core.testing.TestDatabase;
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

/**
 * A bounded throughput measurement, not a test: N virtual threads each repeat a job's typical
 * life (create, RUN, find, list the owner's 20 newest) for a fixed time after a warm-up, and
 * the operations per second are printed, for the Redis store on the local Redis and for the
 * in-memory reference. Run with
 * {@code mvn -pl state-redis -Pbenchmark test-compile exec:exec -Dbench.args="-threads 32 -seconds 20 -warmup 10"};
 * {@code -list false} leaves the list out (the in-memory store's list scans every job it holds,
 * so with it that store measures its own list more than anything else).
 */
public final class JobStoreBenchmark {

    private static final List<String> OPERATIONS = List.of("create", "transition RUN", "find", "list owner LAST 20");
    private static final int OWNERS = 64;

    private final int threads;
    private final boolean list;
    private final Duration warmup;
    private final Duration measured;
    private final SecureRandom random = new SecureRandom();

    private JobStoreBenchmark(int threads, boolean list, Duration warmup, Duration measured) {
        this.threads = threads;
        this.list = list;
        this.warmup = warmup;
        this.measured = measured;
    }

    public static void main(String[] args) throws Exception {
        int threads = 32;
        int seconds = 10;
        int warmup = 3;
        List<String> stores = List.of("redis", "postgres", "memory");
        boolean list = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-threads" -> threads = Integer.parseInt(args[i + 1]);
                case "-seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "-warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "-stores" -> stores = List.of(args[i + 1].split(","));
                case "-list" -> list = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: -threads, -seconds, -warmup, -stores redis,postgres,memory, -list true|false)");
            }
        }
        JobStoreBenchmark benchmark = new JobStoreBenchmark(threads, list, Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds));
        System.out.printf("mixed workload: %s; %d virtual threads, %d owners, %d s measured after %d s warm-up%n",
                list ? OPERATIONS : OPERATIONS.subList(0, 3), threads, OWNERS, seconds, warmup);
        for (String store : stores) {
            switch (store) {
                case "redis" -> {
                    try (TestRedis redis = TestRedis.connect()) {
                        JobKeys keys = new JobKeys("tap-bench:" + UUID.randomUUID());
                        try {
                            benchmark.run("RedisJobStore (127.0.0.1:6379)",
                                    new RedisJobStore(redis.factory(), keys, Duration.ofHours(1)));
                        } finally {
                            redis.clean(keys);
                        }
                    }
                }
                case "memory" -> benchmark.run("InMemoryJobStore", new InMemoryJobStore());
                case "postgres" -> benchmark.runOnPostgres(threads);
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
        }
    }

    /** The job archive in a throwaway database, with a connection for every thread. */
    private void runOnPostgres(int connections) throws Exception {
        try (TestDatabase database = TestDatabase.createBare()) {
            try (InputStream migration = JobStoreBenchmark.class.getResourceAsStream(
                    "/db/migration/V2__uws_job_archive.sql")) {
                database.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(database.user());
            config.setMaximumPoolSize(connections);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                run("PostgresJobStore (127.0.0.1:5432)", new PostgresJobStore(pool));
            }
        }
    }

    private void run(String name, JobStore store) throws Exception {
        measure(store, warmup);
        LongAdder[] counts = measure(store, measured);
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
        System.out.printf("%-32s %,10.0f ops/s  (%,.0f job lives/s)%s%n", name, total / (double) measured.toSeconds(),
                counts[0].sum() / (double) measured.toSeconds(), line);
    }

    /** Runs the workload for the given time; the number of each operation completed. */
    private LongAdder[] measure(JobStore store, Duration time) throws Exception {
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
                        lifeOfAJob(store, counts);
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

    private void lifeOfAJob(JobStore store, LongAdder[] counts) {
        String owner = "ivo://example.org/user" + ThreadLocalRandom.current().nextInt(OWNERS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Job job = Job.pending(JobId.random(random), Optional.of(owner), Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT TOP 10 * FROM ivoa.obscore"),
                        Parameter.of("FORMAT", "votable")),
                now, Duration.ofSeconds(3600), now.plus(Duration.ofDays(1)));
        long start = System.nanoTime();
        store.create(job);
        start = count(counts, 0, start);
        TransitionResult run = store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none());
        check(run instanceof TransitionResult.Applied, "RUN refused: " + run);
        start = count(counts, 1, start);
        check(store.find(job.id()).isPresent(), "job not found");
        start = count(counts, 2, start);
        if (!list) {
            return;
        }
        check(!store.list(JobFilter.all().withOwner(OwnerFilter.owner(owner)).withLast(20)).jobs().isEmpty(),
                "empty list");
        count(counts, 3, start);
    }

    /** Counts an operation and the time it took; the time it ended. */
    private static long count(LongAdder[] counts, int operation, long start) {
        long end = System.nanoTime();
        counts[operation].increment();
        counts[OPERATIONS.size() + operation].add(end - start);
        return end;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(requireNonNull(message));
        }
    }
}
