package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.ClusterLock;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLog;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.JobQueue;
import org.tapservice.core.uws.JobRef;

/**
 * Finds the jobs nothing would ever run and offers them to the queue again: a job QUEUED, or
 * EXECUTING, without a queue entry. Queueing a job (the phase step, with its quota) and
 * offering it are two steps on two slots ({@link RedisJobQueue}), so an instance that stops
 * between them, or a Redis failover that keeps the first and loses the second (replication
 * is asynchronous), leaves a QUEUED job no claim ever meets; a failover can likewise lose the
 * entry of an EXECUTING job, which then is never taken over when its lease lapses.
 *
 * <p><b>Bounded cost.</b> Each turn reads one page of the index of all jobs (ZSCAN with a
 * COUNT, resuming at the cursor the last turn stored in Redis, so any instance goes on where
 * another stopped), the pages' list entries with one MGET (the phase is in them,
 * {@link JobKeys#ref}), and, pipelined, the queue score of the page's QUEUED and EXECUTING
 * jobs only. Nothing else of a job is read, so a million jobs cost a thousand such turns per
 * sweep, each a few milliseconds of Redis' time.
 *
 * <p><b>A grace before acting.</b> A job found without an entry may be between its two steps
 * right now. It is only noted (a sorted set scored by Redis' clock, {@link
 * JobKeys#reconciliationSuspects()}); a later turn, once {@code grace} has passed, looks at it
 * again and offers it only if it is still QUEUED or EXECUTING and still not in the queue. An
 * offer is ZADD NX, so an offer racing the job's own changes nothing, and the claim script's
 * lease check stays the only gate to running a job: an EXECUTING job whose lease still lives
 * is offered too (its entry is what lets it be taken over should that instance stop), and the
 * claim defers it to the lease's end. Each offer is written to the job's log and counted
 * ({@link #offeredAgain()}).
 *
 * <p><b>After a failover or a restart</b> the Redis servers' {@link ServerIdentity} (the run
 * id of each primary) differs from the one the sweep's state recorded: the sweep starts again
 * from the start of the index and reads up to {@code urgentPages} pages a turn until it has
 * gone through the whole index once.
 *
 * <p>Every instance calls {@link #turn()} every {@code period}; a {@link ClusterLock} held for
 * the period lets one of them do a turn each period. Jobs left PENDING by a RUN that a failover
 * lost cannot be told from jobs nobody asked to run, and are left as they are.
 */
public final class JobReconciler {

    private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);
    private static final String LOCK = "reconciler";
    /** The sweep's state and its suspects outlive a deployment that stops by this much at most. */
    private static final Duration STATE_LIFETIME = Duration.ofDays(1);
    private static final String SERVER = "server";
    private static final String CURSOR = "cursor";
    private static final String URGENT = "urgent";
    private static final String START = "0";

    /**
     * @param period      how often instances turn; the lock is held that long
     * @param grace       how long a job may be QUEUED or EXECUTING without a queue entry before
     *                    it is offered again: longer than an instance takes between the two steps
     * @param pageSize    the COUNT of one ZSCAN of the index, about the entries one page reads
     * @param urgentPages how many pages one turn reads after the Redis server changed
     */
    public record Settings(Duration period, Duration grace, int pageSize, int urgentPages) {
        public Settings {
            requireNonNull(period, "period is null");
            requireNonNull(grace, "grace is null");
            if (period.toMillis() < 1 || grace.isNegative()) {
                throw new IllegalArgumentException("the period must be at least a millisecond and the grace not "
                        + "negative: " + period + ", " + grace);
            }
            if (pageSize < 1 || urgentPages < 1) {
                throw new IllegalArgumentException("pages must read at least one entry and a turn at least one "
                        + "page: " + pageSize + ", " + urgentPages);
            }
        }
    }

    /**
     * What one turn did.
     *
     * @param ran           whether this instance had the turn (it held the lock)
     * @param serverChanged whether the Redis server was another than the sweep's, which restarted it
     * @param entriesRead   index entries read
     * @param suspected     jobs newly noted without a queue entry
     * @param offeredAgain  jobs offered again, their grace having passed
     * @param sweepEnded    whether the turn reached the end of the index
     */
    public record Turn(boolean ran, boolean serverChanged, int entriesRead, int suspected, int offeredAgain,
                       boolean sweepEnded) {
        static final Turn SKIPPED = new Turn(false, false, 0, 0, 0, false);
    }

    /** Where the sweep stands, as kept in Redis. */
    private record Sweep(String server, String cursor, boolean urgent) {
    }

    private final SharedConnection redis;
    private final JobKeys keys;
    private final JobIndex index;
    private final JobQueue queue;
    private final JobLog jobLog;
    private final ClusterLock lock;
    private final Settings settings;
    private final LongAdder offered = new LongAdder();

    /**
     * @param redis the started connection factory of the state Redis
     * @param keys  the key layout and namespace of the store and queue
     * @param queue the job queue, through whose offer the jobs go back
     * @param jobLog where each offer is written for operators to see
     * @param lock  the lock that gives one instance each turn
     */
    public JobReconciler(LettuceConnectionFactory redis, JobKeys keys, JobQueue queue, JobLog jobLog,
                         ClusterLock lock, Settings settings) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.index = new JobIndex(this.redis, keys, new JobScripts(this.redis), new JobHashMapper());
        this.queue = requireNonNull(queue, "queue is null");
        this.jobLog = requireNonNull(jobLog, "jobLog is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** How many jobs this instance offered again since it started: a counter for the metrics. */
    public long offeredAgain() {
        return offered.sum();
    }

    /** One turn, if this instance holds the lock for this period. */
    public Turn turn() {
        if (!lock.tryAcquire(LOCK, settings.period())) {
            return Turn.SKIPPED;
        }
        return redis.run(commands -> {
            long now = redisMillis(commands);
            String server = ServerIdentity.of(redis, commands).runIds();
            Sweep sweep = sweep(commands);
            boolean changed = !server.equals(sweep.server());
            if (changed) {
                log.info("the Redis server is {} where the reconciliation last saw {}: every job is looked at now",
                        server, sweep.server() == null ? "none" : sweep.server());
                sweep = new Sweep(server, START, true);
            }
            int offeredNow = review(commands, now);
            int read = 0;
            int suspected = 0;
            boolean ended = false;
            String cursor = sweep.cursor();
            for (int page = 0; page < (sweep.urgent() ? settings.urgentPages() : 1) && !ended; page++) {
                ScoredValueScanCursor<byte[]> entries = redis.await(commands.zscan(
                        SharedConnection.bytes(keys.allIndex()), ScanCursor.of(cursor),
                        ScanArgs.Builder.limit(settings.pageSize())).toCompletableFuture());
                read += entries.getValues().size();
                suspected += suspect(commands, entries.getValues(), now);
                cursor = entries.getCursor();
                ended = entries.isFinished() || START.equals(cursor);
            }
            save(commands, new Sweep(server, ended ? START : cursor, sweep.urgent() && !ended));
            return new Turn(true, changed, read, suspected, offeredNow, ended);
        });
    }

    /** Notes the page's jobs that are QUEUED or EXECUTING without a queue entry; how many were new. */
    private int suspect(RedisClusterAsyncCommands<byte[], byte[]> commands, List<ScoredValue<byte[]>> entries,
                        long now) {
        List<JobId> ids = new ArrayList<>(entries.size());
        for (ScoredValue<byte[]> entry : entries) {
            String member = SharedConnection.string(entry.getValue());
            try {
                ids.add(new JobId(member));
            } catch (IllegalArgumentException notAJob) {
                // no store writes such a member; skipping it keeps one from stopping every sweep
                log.warn("the index of all jobs holds '{}', which is no job id", member);
            }
        }
        List<JobId> orphans = orphans(commands, ids).keySet().stream().toList();
        if (orphans.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        ScoredValue<byte[]>[] noted = orphans.stream()
                .map(id -> ScoredValue.just((double) now, SharedConnection.bytes(id.value())))
                .toArray(ScoredValue[]::new);
        byte[] suspects = SharedConnection.bytes(keys.reconciliationSuspects());
        // NX: a job noted earlier keeps the time it was first seen
        long added = redis.await(commands.zadd(suspects, ZAddArgs.Builder.nx(), noted).toCompletableFuture());
        redis.await(commands.pexpire(suspects, STATE_LIFETIME.toMillis()).toCompletableFuture());
        return (int) added;
    }

    /**
     * Looks again at the jobs noted at least a grace ago (a page of them), offers those still
     * without an entry, and forgets them all; how many it offered.
     */
    private int review(RedisClusterAsyncCommands<byte[], byte[]> commands, long now) {
        byte[] suspects = SharedConnection.bytes(keys.reconciliationSuspects());
        List<byte[]> due = redis.await(commands.zrangebyscore(suspects, Range.from(Range.Boundary.unbounded(),
                        Range.Boundary.including(now - settings.grace().toMillis())),
                Limit.create(0, settings.pageSize())).toCompletableFuture());
        if (due.isEmpty()) {
            return 0;
        }
        List<JobId> ids = due.stream().map(member -> new JobId(SharedConnection.string(member))).toList();
        Map<JobId, ExecutionPhase> orphans = orphans(commands, ids);
        Map<JobId, CompletableFuture<Long>> leases = new HashMap<>();
        orphans.forEach((id, phase) -> {
            if (phase == ExecutionPhase.EXECUTING) {
                leases.put(id, commands.exists(SharedConnection.bytes(keys.lease(id))).toCompletableFuture());
            }
        });
        orphans.forEach((id, phase) -> {
            boolean leased = leases.containsKey(id) && redis.await(leases.get(id)) > 0;
            queue.offer(id);
            jobLog.append(id, JobLogEvents.offeredAgain(phase, leased));
            offered.increment();
            log.warn("job {} was {}{} and not in the queue: offered it again", id, phase,
                    phase == ExecutionPhase.EXECUTING ? (leased ? " (leased)" : " with no lease") : "");
        });
        redis.await(commands.zrem(suspects, due.toArray(byte[][]::new)).toCompletableFuture());
        return orphans.size();
    }

    /**
     * Of these jobs, those QUEUED or EXECUTING without a queue entry, with their phase: their
     * list entries in one MGET, then the queue scores of those in either phase, all in flight
     * together.
     */
    private Map<JobId, ExecutionPhase> orphans(RedisClusterAsyncCommands<byte[], byte[]> commands, List<JobId> ids) {
        Map<String, Optional<JobRef>> refs = index.summaries(commands, ids);
        Map<JobId, ExecutionPhase> waiting = new HashMap<>();
        Map<JobId, CompletableFuture<Double>> scores = new HashMap<>();
        byte[] queueKey = SharedConnection.bytes(keys.queue());
        for (JobId id : ids) {
            Optional<JobRef> ref = refs.getOrDefault(id.value(), Optional.empty());
            if (ref.isPresent() && (ref.get().phase() == ExecutionPhase.QUEUED
                    || ref.get().phase() == ExecutionPhase.EXECUTING)) {
                waiting.put(id, ref.get().phase());
                scores.put(id, commands.zscore(queueKey, SharedConnection.bytes(id.value())).toCompletableFuture());
            }
        }
        Map<JobId, ExecutionPhase> orphans = new HashMap<>();
        scores.forEach((id, score) -> {
            if (redis.await(score) == null) {
                orphans.put(id, waiting.get(id));
            }
        });
        return orphans;
    }

    private Sweep sweep(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        Map<String, String> state = SharedConnection.strings(redis.await(commands.hgetall(
                SharedConnection.bytes(keys.reconciliation())).toCompletableFuture()));
        return new Sweep(state.get(SERVER), state.getOrDefault(CURSOR, START), "1".equals(state.get(URGENT)));
    }

    private void save(RedisClusterAsyncCommands<byte[], byte[]> commands, Sweep sweep) {
        byte[] key = SharedConnection.bytes(keys.reconciliation());
        Map<byte[], byte[]> state = new HashMap<>();
        state.put(SharedConnection.bytes(SERVER), SharedConnection.bytes(sweep.server()));
        state.put(SharedConnection.bytes(CURSOR), SharedConnection.bytes(sweep.cursor()));
        state.put(SharedConnection.bytes(URGENT), SharedConnection.bytes(sweep.urgent() ? "1" : "0"));
        redis.awaitAll(commands.hset(key, state).toCompletableFuture(),
                commands.pexpire(key, STATE_LIFETIME.toMillis()).toCompletableFuture());
    }

    /** Redis' clock, so that the instances' clocks never decide when a grace has passed. */
    private long redisMillis(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        List<byte[]> time = redis.await(commands.time().toCompletableFuture());
        return Long.parseLong(SharedConnection.string(time.get(0))) * 1000
                + Long.parseLong(SharedConnection.string(time.get(1))) / 1000;
    }
}
