package org.tapservice.state.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.Parameter;
import org.tapservice.state.archive.PostgresJobStore;
import org.tapservice.state.archive.TestArchive;

/**
 * A measurement, not a test: how long an owner's job list takes when the store holds a
 * million jobs (UWS 2.2.2.1; a DELETE's 303 sends clients there). The jobs belong to many
 * owners, one of whom has many; the lists asked for are the ones clients ask: the newest
 * (LAST), the ones after a time (AFTER), and a whole list of a typical owner. Run with
 * {@code mvn -pl state-redis -am -Pbenchmark -DskipTests test -Dbench.class=org.tapservice.state.redis.JobListBenchmark
 * -Dbench.args="-jobs 1000000 -stores redis,postgres"}.
 */
public final class JobListBenchmark {

    private static final String HEAVY = "heavy-user";
    private static final int REPEATS = 500;

    private final int jobs;
    private final int owners;
    private final int heavyJobs;
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final SecureRandom random = new SecureRandom();

    private JobListBenchmark(int jobs, int owners, int heavyJobs) {
        this.jobs = jobs;
        this.owners = owners;
        this.heavyJobs = heavyJobs;
    }

    public static void main(String[] args) throws Exception {
        int jobs = 1_000_000;
        int owners = 10_000;
        int heavy = 10_000;
        List<String> stores = List.of("redis", "postgres");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "-owners" -> owners = Integer.parseInt(args[i + 1]);
                case "-heavy" -> heavy = Integer.parseInt(args[i + 1]);
                case "-stores" -> stores = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: -jobs, -owners, -heavy, -stores redis,postgres)");
            }
        }
        JobListBenchmark benchmark = new JobListBenchmark(jobs, owners, heavy);
        System.out.printf("job lists among %,d jobs of %,d owners (one owner has %,d)%n", jobs, owners, heavy);
        for (String store : stores) {
            switch (store) {
                case "redis" -> {
                    try (TestRedis redis = TestRedis.connect()) {
                        JobKeys keys = new JobKeys("tap-bench:" + UUID.randomUUID());
                        try {
                            benchmark.run("RedisJobStore", new RedisJobStore(redis.factory(), keys,
                                    Duration.ofDays(3650)));
                        } finally {
                            redis.clean(keys);
                        }
                    }
                }
                case "postgres" -> {
                    try (TestArchive tables = TestArchive.create()) {
                        benchmark.run("PostgresJobStore", tables.emptyStore());
                    }
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
        }
    }

    private void run(String name, JobStore store) throws Exception {
        long filling = System.nanoTime();
        fill(store);
        System.out.printf("%s: %,d jobs stored in %.0f s%n", name, jobs, (System.nanoTime() - filling) / 1e9);
        OwnerFilter heavy = new OwnerFilter.Owner(HEAVY);
        OwnerFilter typical = new OwnerFilter.Owner(owner(7));
        Instant recent = start.plusSeconds(jobs - 3_000L);
        measure(store, "newest 20 of the heavy owner (LAST=20)", JobFilter.all().withOwner(heavy).withLast(20));
        measure(store, "heavy owner, AFTER the last 3,000 s", JobFilter.all().withOwner(heavy).withAfter(recent));
        measure(store, "whole list of a typical owner", JobFilter.all().withOwner(typical));
        measure(store, "whole list of the heavy owner", JobFilter.all().withOwner(heavy));
    }

    /** Creation times one second apart, owners round robin, the heavy owner spread over the whole span. */
    private void fill(JobStore store) throws Exception {
        AtomicInteger next = new AtomicInteger();
        int heavyEvery = Math.max(1, jobs / heavyJobs);
        if (store instanceof PostgresJobStore archive) {
            List<Job> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(job(i, heavyEvery));
                if (batch.size() == 5_000) {
                    archive.saveAll(batch);
                    batch.clear();
                }
            }
            archive.saveAll(batch);
            return;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fillers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                fillers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                        store.create(job(i, heavyEvery));
                    }
                    return null;
                }));
            }
            for (Future<?> filler : fillers) {
                filler.get();
            }
        }
    }

    private Job job(int i, int heavyEvery) {
        Optional<String> owner = Optional.of(i % heavyEvery == 0 ? HEAVY : owner(i % owners));
        Instant created = start.plusSeconds(i);
        return Job.pending(JobId.random(random), owner, Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT TOP 10 * FROM demo.stars")),
                created, Duration.ofHours(1), created.plus(Duration.ofDays(3000)));
    }

    private static String owner(int n) {
        return "user-" + n;
    }

    private static void measure(JobStore store, String what, JobFilter filter) {
        LatencyHistogram latencies = new LatencyHistogram();
        int listed = 0;
        for (int i = 0; i < REPEATS; i++) {
            long started = System.nanoTime();
            listed = store.list(filter).jobs().size();
            latencies.record(System.nanoTime() - started);
        }
        System.out.printf("  %-45s %6d jobs  p50 %8.2f ms  p99 %8.2f ms%n", what, listed,
                latencies.percentile(50) / 1e6, latencies.percentile(99) / 1e6);
    }
}
