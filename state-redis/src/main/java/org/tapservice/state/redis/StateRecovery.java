package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * Rebuilds Redis from the PostgreSQL job archive when Redis has lost its data (flushed,
 * restarted without persistence, replaced) or may hold an older copy of it (restarted from a
 * snapshot, failed over to a replica that had not caught up), so that every job is found and
 * listed again with its phase, parameters and results.
 *
 * <p>How a Redis that may lack archived jobs is told from one that holds them: the
 * {@link StateMarker}, a key without expiry set once Redis holds the archive's jobs, whose value
 * names the servers that held them then ({@link ServerIdentity}: run ids, drawn anew at every
 * start of a server). A Redis that lost its data lacks it; a restarted or failed-over one names
 * other servers. Each instance calls {@link #recoverIfLost()} every few seconds: a GET and an
 * INFO while all is well.
 *
 * <p>When the marker is missing or stale, one instance rebuilds: the one that takes the
 * {@link RecoveryLock}, kept while the rebuild runs and released once the marker is set. If the
 * rebuilding instance dies, its lock lapses within {@code lockTime} and another instance starts
 * over, which costs work but no harm: every write of a rebuild is "if absent". Every archived job is
 * written back to Redis ({@link RedisJobStore#restore}), except that a job Redis holds already
 * (created since Redis was emptied, in the older copy, or restored by an earlier attempt) is left
 * as it is. The queue may have gone with Redis too: every archived job that was QUEUED or
 * EXECUTING is handed to {@code resume} (tap-api: the job queue's offer), so that it runs again;
 * offering a job that is already queued, or that has moved on since, changes nothing. The marker
 * is set last, naming the servers seen before the rebuild began, so a rebuild that fails
 * half-way is taken up again, and a server that changed during it makes the next check
 * rebuild again. A new deployment, with an empty archive, just sets it.
 *
 * <p>While the rebuild runs the service goes on: a job not yet restored answers "come back
 * later" ({@link RedisJobStore#find}), and jobs created meanwhile are journaled and archived as
 * usual.
 */
public final class StateRecovery {

    private static final Logger log = LoggerFactory.getLogger(StateRecovery.class);
    /** How many jobs' logs one archive query reads during a rebuild. */
    private static final int LOG_PAGE = 500;

    private final SharedConnection redis;
    private final JobKeys keys;
    private final RedisJobStore store;
    private final PostgresJobStore archive;
    private final Consumer<JobId> resume;
    private final RecoveryLock lock;
    private final Optional<RedisJobLog> logs;
    private final StateMarker marker;

    /**
     * @param redis    the started connection factory of the state Redis
     * @param keys     the key layout and namespace of the store
     * @param store    the store the jobs are restored into
     * @param archive  the job archive, on the state pool
     * @param resume   called with each archived job that was QUEUED or EXECUTING, to run it again
     * @param lockTime how long the rebuild lock outlives an instance that died while rebuilding
     */
    public StateRecovery(LettuceConnectionFactory redis, JobKeys keys, RedisJobStore store, PostgresJobStore archive,
                         Consumer<JobId> resume, Duration lockTime) {
        this(redis, keys, store, archive, resume, lockTime, Optional.empty());
    }

    /**
     * A recovery that gives each restored job its archived log back too, before the line its
     * restoration writes.
     *
     * @param logs the job log of the store's jobs
     */
    public StateRecovery(LettuceConnectionFactory redis, JobKeys keys, RedisJobStore store, PostgresJobStore archive,
                         Consumer<JobId> resume, Duration lockTime, RedisJobLog logs) {
        this(redis, keys, store, archive, resume, lockTime, Optional.of(requireNonNull(logs, "logs is null")));
    }

    private StateRecovery(LettuceConnectionFactory redis, JobKeys keys, RedisJobStore store,
                          PostgresJobStore archive, Consumer<JobId> resume, Duration lockTime,
                          Optional<RedisJobLog> logs) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.store = requireNonNull(store, "store is null");
        this.archive = requireNonNull(archive, "archive is null");
        this.resume = requireNonNull(resume, "resume is null");
        this.lock = new RecoveryLock(this.redis, this.keys, requireNonNull(lockTime, "lockTime is null"));
        this.logs = logs;
        this.marker = new StateMarker(this.redis, this.keys);
    }

    /**
     * Rebuilds Redis from the archive if the marker is missing or names other servers than
     * those of now, and no other instance is rebuilding it.
     *
     * @return whether this call rebuilt Redis; false when there was nothing to do or another
     *         instance is doing it
     */
    public boolean recoverIfLost() {
        if (redis.run(marker::read) instanceof StateMarker.Reading.Current) {
            return false;
        }
        Optional<RecoveryLock.Held> held = lock.tryAcquire();
        if (held.isEmpty()) {
            return false;
        }
        try (RecoveryLock.Held rebuilding = held.get()) {
            return rebuild();
        }
    }

    private boolean rebuild() {
        // again under the lock: an instance that rebuilt since the first reading has released it
        StateMarker.Reading reading = redis.run(marker::read);
        if (reading instanceof StateMarker.Reading.Current) {
            return false;
        }
        if (reading instanceof StateMarker.Reading.Stale(ServerIdentity servers, String markedOn)) {
            log.warn("the Redis server is {} where every archived job was last known to be held by {}: restarted or"
                    + " failed over since, it may hold an older copy of the jobs; the jobs it lacks are restored from"
                    + " the job archive", servers, markedOn);
        }
        LongAdder restored = new LongAdder();
        LongAdder resumed = new LongAdder();
        List<Job> page = new ArrayList<>(LOG_PAGE);
        archive.forEach(job -> {
            page.add(job);
            if (page.size() == LOG_PAGE) {
                restore(page, restored, resumed);
            }
        });
        restore(page, restored, resumed);
        redis.run(commands -> {
            marker.set(commands, reading.servers());
            return null;
        });
        // marked before the lock goes: no instance rebuilds again
        log.info("Redis was rebuilt from the job archive: {} jobs restored, {} queued or executing ones handed"
                + " back to the queue", restored.sum(), resumed.sum());
        return true;
    }

    /**
     * Writes back a page of archived jobs, with their logs (read in one query), then hands the
     * queued and executing ones to the queue in the page's order, and empties the page. The jobs
     * of a page are written at once, each on a virtual thread: a job is a few round trips to
     * Redis, and one after another a rebuild of a million jobs would take the better part of an
     * hour, most of it waiting for answers.
     */
    private void restore(List<Job> page, LongAdder restored, LongAdder resumed) {
        Map<JobId, List<JobLogEntry>> archived = logs.isPresent()
                ? archive.logs(page.stream().map(Job::id).toList()) : Map.of();
        List<Future<?>> writes = new ArrayList<>(page.size());
        try (ExecutorService eachJob = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job job : page) {
                writes.add(eachJob.submit(() -> {
                    if (store.restore(job)) {
                        restored.increment();
                        logs.ifPresent(log -> log.restore(job.id(), archived.getOrDefault(job.id(), List.of())));
                    }
                }));
            }
            for (Future<?> write : writes) {
                awaitWrite(write);
            }
        }
        for (Job job : page) {
            if (job.phase() == ExecutionPhase.QUEUED || job.phase() == ExecutionPhase.EXECUTING) {
                resume.accept(job.id());
                resumed.increment();
            }
        }
        page.clear();
    }

    /** A restore's own failure (Redis unreachable, ...), as if the rebuild had made the call itself. */
    private static void awaitWrite(Future<?> write) {
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("restoring a job failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring jobs", e);
        }
    }

}
