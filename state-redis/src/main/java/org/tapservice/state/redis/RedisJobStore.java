package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.core.uws.UpdateResult;
import org.tapservice.state.archive.ArchiveWrites;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * The {@link JobStore} on Redis: each job one hash ({@link JobKeys}, {@link JobHashMapper}),
 * each atomic step one Lua script on that hash alone ({@link JobScripts}), so it works the
 * same on a single Redis, under Sentinel and on Redis Cluster.
 *
 * <p>The legality of a phase change (PhaseTransitions) is static data and is checked here,
 * before any script runs; the script does the compare-and-set on the current phase and
 * applies the change's fields in the same step. Every field but the parameters simply
 * overwrites, so a transition is one round trip that also returns the job as stored. A
 * parameter change merges with the current parameters (UWS 2.1.11), which Lua should not
 * re-implement: the job is read, the merge made in Java with {@link JobChange#applyTo}, and
 * the script applies it only if the job's revision has not moved meanwhile; otherwise it is
 * recomputed, so the outcome is that of one atomic step either way.
 *
 * <p>Every key expires at the job's destruction time plus a margin (PEXPIREAT, re-armed when
 * the destruction time changes), so a deployment that dies leaves nothing behind for ever.
 * The margin gives the reaper time to destroy a job and its results before Redis forgets the
 * job; it must exceed the reaper's longest delay.
 *
 * <p>Every successful step appends to the {@link JobJournal}, sent once the step has answered
 * and not waited for, which the {@link JournalArchiver} copies into the PostgreSQL archive; a
 * creation is acknowledged according to the store's {@link CreationDurability} (under
 * {@link CreationDurability.Archive} it writes the job's row itself and journals nothing). A
 * store made without a journal keeps none, for tests and for deployments without an archive.
 * {@link #restore} writes back a job from the archive ({@link StateRecovery}).
 *
 * <p>Thread-safe and stateless apart from its collaborators: any number of instances may use
 * the same Redis at once.
 */
public final class RedisJobStore implements JobStore {

    /** How often a parameter change is recomputed when the job keeps changing under it. */
    private static final int MAX_ATTEMPTS = 100;

    private final SharedConnection redis;
    private final JobKeys keys;
    private final Duration expiryMargin;
    private final JobHashMapper mapper = new JobHashMapper();
    private final JobScripts scripts;
    private final JobIndex index;
    private final Optional<JobJournal> journal;
    private final CreationDurability durability;
    private final JobLogWriter logWriter;
    /** The archive a rebuild restores from, when a miss during one is to be told from a missing job. */
    private final Optional<PostgresJobStore> restoredFrom;
    private final StateMarker marker;
    /** Where a create runs: the shared connection, or a dedicated one that WAIT may block. */
    private final SharedConnection creating;

    /**
     * A store that keeps no journal and acknowledges a creation on Redis' answer.
     *
     * @param redis        the started connection factory of the state Redis (standalone,
     *                     Sentinel or cluster); the store sends its commands on the connection
     *                     it shares ({@link SharedConnection})
     * @param keys         the key layout and namespace
     * @param expiryMargin how long past its destruction time a job's keys outlive it
     */
    public RedisJobStore(LettuceConnectionFactory redis, JobKeys keys, Duration expiryMargin) {
        this(redis, keys, expiryMargin, Optional.empty(), CreationDurability.none(), JobLogWriter.NONE,
                Optional.empty());
    }

    /**
     * A store that journals every change for the archive.
     *
     * @param redis        as above
     * @param keys         as above
     * @param expiryMargin as above
     * @param journal      the journal every successful step appends to
     * @param durability   what a creation waits for before it is acknowledged
     */
    public RedisJobStore(LettuceConnectionFactory redis, JobKeys keys, Duration expiryMargin, JobJournal journal,
                         CreationDurability durability) {
        this(redis, keys, expiryMargin, journal, durability, JobLogWriter.NONE);
    }

    /**
     * A store that journals every change and writes the line of each step to the job's log
     * ({@link RedisJobLog}) in the step's own script: created, restored, queued, aborted...
     *
     * @param logWriter this instance's signature on the lines
     */
    public RedisJobStore(LettuceConnectionFactory redis, JobKeys keys, Duration expiryMargin, JobJournal journal,
                         CreationDurability durability, JobLogWriter logWriter) {
        this(redis, keys, expiryMargin, Optional.of(requireNonNull(journal, "journal is null")), durability,
                logWriter, Optional.empty());
    }

    /**
     * As above, for a store that {@link StateRecovery} rebuilds from this archive: while Redis
     * lacks the state marker ({@link JobKeys#stateMarker()}), a job Redis does not hold but the
     * archive does is not missing but not restored yet, and {@link #find} says so with an
     * UNAVAILABLE {@link TapException} (503, Retry-After) instead of answering that there is no
     * such job. Only a miss costs anything more: one EXISTS, and while the marker is missing one
     * archive look-up by id.
     *
     * @param restoredFrom the archive a rebuild restores the jobs from
     */
    public RedisJobStore(LettuceConnectionFactory redis, JobKeys keys, Duration expiryMargin, JobJournal journal,
                         CreationDurability durability, JobLogWriter logWriter, PostgresJobStore restoredFrom) {
        this(redis, keys, expiryMargin, Optional.of(requireNonNull(journal, "journal is null")), durability,
                logWriter, Optional.of(requireNonNull(restoredFrom, "restoredFrom is null")));
    }

    private RedisJobStore(LettuceConnectionFactory redis, JobKeys keys, Duration expiryMargin,
                          Optional<JobJournal> journal, CreationDurability durability, JobLogWriter logWriter,
                          Optional<PostgresJobStore> restoredFrom) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.expiryMargin = requireNonNull(expiryMargin, "expiryMargin is null");
        if (expiryMargin.isNegative()) {
            throw new IllegalArgumentException("the expiry margin cannot be negative: " + expiryMargin);
        }
        this.scripts = new JobScripts(this.redis);
        this.index = new JobIndex(this.redis, keys, scripts, mapper);
        this.journal = journal;
        this.durability = requireNonNull(durability, "durability is null");
        this.logWriter = requireNonNull(logWriter, "logWriter is null");
        this.restoredFrom = restoredFrom;
        this.marker = new StateMarker(this.redis, this.keys);
        this.creating = durability instanceof CreationDurability.Replicas replicas
                ? new SharedConnection(replicas.connections()) : this.redis;
    }

    @Override
    public void create(Job job) {
        requireNonNull(job, "job is null");
        if (job.phase() != ExecutionPhase.PENDING) {
            throw new IllegalArgumentException("a new job must be PENDING, not " + job.phase());
        }
        switch (durability) {
            case CreationDurability.None none -> redis.run(commands -> {
                insertNew(commands, job);
                journalChanged(commands, job.id());
                return null;
            });
            case CreationDurability.Archive archive -> {
                archive.archive().create(job);
                redis.run(commands -> {
                    if (!insert(commands, job, Set.of(), JobLogEvents.created())) {
                        // the row just inserted is not the job Redis holds: the archiver rewrites it
                        journalChanged(commands, job.id());
                        throw exists(job.id());
                    }
                    return null;
                });
            }
            case CreationDurability.Replicas replicas -> {
                long acknowledged = creating.run(commands -> {
                    insertNew(commands, job);
                    // sent before WAIT, so the replicas hold the entry too
                    List<CompletableFuture<?>> journaled = journal.<List<CompletableFuture<?>>>map(entries ->
                            List.of(entries.changed(commands, job.id()))).orElse(List.of());
                    return creating.await(ReplicaAcknowledgements.await(commands, replicas.replicas(),
                            replicas.timeout(), List.of(keys.job(job.id()), keys.ownerIndex(job.owner()),
                                    keys.allIndex(), keys.journal()), journaled));
                });
                if (acknowledged < replicas.replicas()) {
                    // an outage of the replicas (one failed over, not yet back): the client may retry
                    throw new TapException(ErrorKind.UNAVAILABLE, "job " + job.id() + " was written to the Redis"
                            + " primary, but only " + acknowledged + " of the " + replicas.replicas()
                            + " replicas required acknowledged it within " + replicas.timeout()
                            + ": a failover could lose it, so its creation is not acknowledged; please try again "
                            + "shortly");
                }
            }
        }
    }

    /**
     * Under {@link CreationDurability.Archive}, writes the job's current state to its archive
     * row now rather than when the journal drains: read under the row's lock, so a newer state
     * the archiver writes meanwhile is never overwritten with this one. Under
     * {@link CreationDurability.Replicas} nothing more is waited for: WAIT covers only the
     * writes of the connection it is sent on, and the shared connection must not block (the
     * design notes name this gap).
     */
    @Override
    public void awaitDurable(JobId id) {
        requireNonNull(id, "id is null");
        if (durability instanceof CreationDurability.Archive archive) {
            archive.archive().writeLocked(List.of(id), () -> new ArchiveWrites(find(id).stream().toList(), List.of()));
        }
    }

    /**
     * Writes a job of any phase, as the archive kept it, with its index entries and expiry,
     * unless Redis holds a job with its id already (created since Redis was emptied, or
     * restored before) that is not older: one in a phase the archived job has left for good
     * ({@link PhaseTransitions#leftBehind}) is an older copy, which a Redis restarted from a
     * snapshot holds, and is written over (a job RUN since the snapshot would otherwise stay
     * PENDING, one finished since would run again). Nothing is journaled, as the job comes from
     * the archive.
     *
     * @return whether the job was written
     */
    public boolean restore(Job job) {
        requireNonNull(job, "job is null");
        return redis.run(commands -> insert(commands, job, PhaseTransitions.leftBehind(job.phase()),
                JobLogEvents.restored()));
    }

    @Override
    public Optional<Job> find(JobId id) {
        requireNonNull(id, "id is null");
        Map<String, String> hash = redis.run(commands -> read(commands, id));
        if (hash.isEmpty()) {
            checkNotBeingRestored(id);
            return Optional.empty();
        }
        return Optional.of(mapper.fromHash(id, hash));
    }

    /**
     * A job Redis lacks while the marker is missing, or names other servers than those of now,
     * may be one the rebuild has not reached yet: if the archive holds it, the client is told to
     * come back rather than that it is gone. With a current marker, Redis holds every job the
     * archive had, and a miss is a miss.
     */
    private void checkNotBeingRestored(JobId id) {
        if (restoredFrom.isEmpty()) {
            return;
        }
        boolean marked = redis.run(marker::isCurrent);
        if (!marked && restoredFrom.get().find(id).isPresent()) {
            throw new TapException(ErrorKind.UNAVAILABLE, "job " + id + " is being restored from the job archive "
                    + "after the job state store (Redis) lost its data; please try again shortly");
        }
    }

    @Override
    public TransitionResult transition(JobId id, Set<ExecutionPhase> expected, ExecutionPhase target,
                                       JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        PhaseTransitions.checkRequest(expected, target);
        // checkRequest made every expected phase one that may move to the target, so the
        // script's compare against the expected set is the whole legality check
        return redis.run(commands -> {
            JobScripts.Reply reply = change(commands, (revision, writes) -> scripts.transition(commands,
                    keys.jobStep(id), expected, target, revision, writes.destruction().map(this::expireAt),
                    writes, logWriter.args(JobLogEvents.transition(target, change))),
                    id, change);
            return switch (reply) {
                case JobScripts.Reply.Changed(Map<String, String> hash) -> {
                    Job moved = mapper.fromHash(id, hash);
                    journalChanged(commands, id);
                    rearmIndexes(commands, moved, change);
                    yield new TransitionResult.Applied(moved);
                }
                case JobScripts.Reply.WrongPhase(ExecutionPhase current) -> new TransitionResult.Refused(current);
                case JobScripts.Reply.Missing() -> new TransitionResult.NotFound();
                case JobScripts.Reply.Stale() -> throw stale(id);
            };
        });
    }

    @Override
    public UpdateResult update(JobId id, JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        change.checkIsUpdate();
        Set<ExecutionPhase> allowed = EnumSet.noneOf(ExecutionPhase.class);
        for (ExecutionPhase phase : ExecutionPhase.values()) {
            if (change.isAllowedWhile(phase)) {
                allowed.add(phase);
            }
        }
        return redis.run(commands -> {
            JobScripts.Reply reply = change(commands, (revision, writes) -> scripts.update(commands, keys.jobStep(id),
                    allowed, revision, writes.destruction().map(this::expireAt), writes), id, change);
            return switch (reply) {
                case JobScripts.Reply.Changed(Map<String, String> hash) -> {
                    Job updated = mapper.fromHash(id, hash);
                    journalChanged(commands, id);
                    rearmIndexes(commands, updated, change);
                    yield new UpdateResult.Updated(updated);
                }
                case JobScripts.Reply.WrongPhase(ExecutionPhase current) -> new UpdateResult.Refused(current);
                case JobScripts.Reply.Missing() -> new UpdateResult.NotFound();
                case JobScripts.Reply.Stale() -> throw stale(id);
            };
        });
    }

    @Override
    public boolean delete(JobId id) {
        requireNonNull(id, "id is null");
        return redis.run(commands -> {
            JobScripts.Deletion deletion = scripts.delete(commands, keys.jobStep(id));
            if (deletion.deleted()) {
                journal.ifPresent(entries -> entries.deleted(commands, id));
                // after the job's step: until this runs, lists skip the entry as they would any
                // entry whose job is gone
                index.remove(commands, id, deletion.owner());
            }
            return deletion.deleted();
        });
    }

    @Override
    public JobPage list(JobFilter filter) {
        requireNonNull(filter, "filter is null");
        return redis.run(commands -> index.list(commands, filter));
    }

    /** One attempt of a change script, given the revision it is computed from and what it writes. */
    private interface Attempt {
        JobScripts.Reply run(Optional<String> revision, JobHashMapper.HashWrites writes);
    }

    /**
     * Runs a change: at once when it needs nothing from the current job; otherwise (parameters)
     * computed from the job as read and applied only if its revision is unchanged, retried if
     * it moved.
     */
    private JobScripts.Reply change(RedisClusterAsyncCommands<byte[], byte[]> commands, Attempt attempt, JobId id,
                                    JobChange change) {
        if (change.parameters().isEmpty()) {
            return attempt.run(Optional.empty(), mapper.writes(change, Optional.empty()));
        }
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Map<String, String> hash = read(commands, id);
            if (hash.isEmpty()) {
                return new JobScripts.Reply.Missing();
            }
            Job current = mapper.fromHash(id, hash);
            JobScripts.Reply reply = attempt.run(Optional.of(mapper.revision(hash)),
                    mapper.writes(change, Optional.of(current)));
            if (!(reply instanceof JobScripts.Reply.Stale)) {
                return reply;
            }
        }
        return new JobScripts.Reply.Stale();
    }

    /** Writes a job that must be new: one whose id is taken fails the create. */
    private void insertNew(RedisClusterAsyncCommands<byte[], byte[]> commands, Job job) {
        if (!insert(commands, job, Set.of(), JobLogEvents.created())) {
            throw exists(job.id());
        }
    }

    /**
     * Writes the job and its index entries unless its id is taken (by a job in a phase not
     * among {@code olderPhases}); whether it wrote.
     *
     * <p>The index entries and the job are sent together, and all answered before the create
     * returns: one round trip, and a job whose creation is acknowledged is always listed. On
     * one connection Redis runs them in the order sent, entries first, so not even a list
     * running meanwhile meets the job without its entries; across a cluster's nodes one may,
     * before the create returns, which no client can tell from a job not created yet. An entry
     * whose job was not written is ignored by every list ({@link JobIndex}). If an index write
     * fails, the job this call wrote is taken back before the failure is thrown; should that
     * fail too, a PENDING job is left that no client was told about and no list shows, until
     * it expires.
     */
    private boolean insert(RedisClusterAsyncCommands<byte[], byte[]> commands, Job job,
                           Set<ExecutionPhase> olderPhases, String logEvent) {
        Instant expireAt = expireAt(job.destruction());
        CompletableFuture<Void> indexed = index.add(commands, job, expireAt);
        boolean created = redis.await(scripts.create(commands, keys.jobStep(job.id()), expireAt, olderPhases,
                mapper.toHash(job), logWriter.args(logEvent)));
        try {
            redis.await(indexed);
        } catch (RuntimeException e) {
            if (created) {
                try {
                    scripts.delete(commands, keys.jobStep(job.id()));
                } catch (RuntimeException undone) {
                    e.addSuppressed(undone);
                }
            }
            throw e;
        }
        return created;
    }

    /** Journals a change once its step has answered, without waiting ({@link JobJournal}). */
    private void journalChanged(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id) {
        journal.ifPresent(entries -> entries.changed(commands, id));
    }

    /** A later destruction time must keep the job's index entries alive as long as the job. */
    private void rearmIndexes(RedisClusterAsyncCommands<byte[], byte[]> commands, Job job, JobChange change) {
        if (change.destruction().isPresent()) {
            redis.await(index.add(commands, job, expireAt(job.destruction())));
        }
    }

    /** The job's whole hash (HGETALL); empty if there is no job. */
    private Map<String, String> read(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id) {
        return SharedConnection.strings(redis.await(commands.hgetall(SharedConnection.bytes(keys.job(id)))
                .toCompletableFuture()));
    }

    private Instant expireAt(Instant destruction) {
        return destruction.plus(expiryMargin);
    }

    private static IllegalStateException exists(JobId id) {
        return new IllegalStateException("job " + id + " exists already");
    }

    private static IllegalStateException stale(JobId id) {
        return new IllegalStateException("job " + id + " changed " + MAX_ATTEMPTS
                + " times while a parameter change was being applied to it");
    }
}
