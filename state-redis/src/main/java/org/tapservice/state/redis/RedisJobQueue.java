package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.JobQueue;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.TransitionResult;

/**
 * The {@link JobQueue} on Redis: one sorted set of job ids scored by the time from which each
 * is claimable, and per job a lease key holding the token of the worker that runs it, expiring
 * with the lease ({@link JobKeys}). The lease, tagged like the job's hash, is what says who runs
 * a job: claim and finish check it and move the phase in one script ({@link QueueScripts}), so a
 * job runs under one lease at a time and a finish cannot overwrite an abort, on a single Redis
 * as on a cluster.
 *
 * <p>The queue is a key of its own slot, so it cannot join those scripts; it is written in
 * steps of its own, and it only ever proposes a job, which the job's own step then decides:
 * <ul>
 *   <li><b>claim</b> first reserves the first due entry (its score pushed a lease time ahead,
 *       so that concurrent claims pick different jobs), then leases the job if it is QUEUED, or
 *       EXECUTING with no lease left (its worker died: the job is taken over and run from the
 *       start), counting the claim. A job claimed as often as allowed already is moved to ERROR
 *       instead; a QUEUED job whose owner has as many jobs EXECUTING as its quota allows stays
 *       QUEUED and is looked at again {@link #QUOTA_RETRY} later, others' jobs going first. An entry whose job is gone or in another phase (aborted while queued, deleted)
 *       is dropped; one whose job another lease still holds is made due when that lease
 *       lapses. A claimer that dies between the two steps only delays the job by a lease
 *       time.</li>
 *   <li><b>renew</b> extends the lease, then pushes the entry's score a lease time ahead. The
 *       second step only spares other claims a useless visit: if it is lost or late, a claim
 *       meets the entry early, finds the lease held and defers the entry to the lease's end.
 *       Its ZADD XX never puts back an entry a finish removed.</li>
 *   <li><b>finish</b> moves the job to its final phase only while the lease holds it, then
 *       takes the entry off the queue, except when the job is still EXECUTING under another
 *       lease or none (this lease lapsed): the entry is then what lets the job be taken over.</li>
 * </ul>
 * Scores come from Redis's clock inside the scripts, so the instances' clocks never matter; the
 * start time a claim records is the caller's, as for every change a store makes.
 *
 * <p>Thread-safe and stateless apart from its collaborators: any number of instances may share
 * the queue.
 */
public final class RedisJobQueue implements JobQueue {

    private static final Logger log = LoggerFactory.getLogger(RedisJobQueue.class);

    /**
     * How many entries one claim looks at. Each one it does not take it drops or defers, so
     * the bound is only met behind a crowd of stale entries; the claim then answers empty and
     * the next one goes on.
     */
    private static final int MAX_STEPS = 100;

    /**
     * How long a job whose owner is at its executing-jobs limit waits before a claim looks at
     * it again: others' jobs go first meanwhile, and the owner's next job starts within this
     * long of one of its jobs ending, without claims spinning on the entry.
     */
    static final Duration QUOTA_RETRY = Duration.ofMillis(500);

    /** How many times a job is claimed, by default, before a claim gives up on it. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final SharedConnection redis;
    private final JobKeys keys;
    private final JobHashMapper mapper = new JobHashMapper();
    private final QueueScripts scripts;
    private final RandomTokens tokens = new RandomTokens();
    private final Optional<JobJournal> journal;
    private final JobLogWriter logWriter;
    private final Optional<JobEvents> events;
    private final int maxAttempts;
    private final JobObserver observer;

    /**
     * A queue whose claims and finishes are not journaled (for tests and deployments without
     * an archive).
     *
     * @param redis the started connection factory of the state Redis, the one the
     *              {@link RedisJobStore} of the same jobs uses
     * @param keys  the key layout and namespace, the same as the store's
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys) {
        this(redis, keys, Optional.empty(), Optional.empty(), DEFAULT_MAX_ATTEMPTS, JobLogWriter.NONE);
    }

    /**
     * A queue that journals the job changes its claims and finishes make, as the store does
     * its own, so the archive sees a job start and end.
     *
     * @param journal the store's journal
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal) {
        this(redis, keys, Optional.of(requireNonNull(journal, "journal is null")), Optional.empty(),
                DEFAULT_MAX_ATTEMPTS, JobLogWriter.NONE);
    }

    /**
     * A queue that journals its changes and writes the line of each claim ("claimed (attempt
     * n)", or a takeover) and finish to the job's log in the step's own script.
     *
     * @param logWriter this instance's signature on the lines
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, JobLogWriter logWriter) {
        this(redis, keys, Optional.of(requireNonNull(journal, "journal is null")), Optional.empty(),
                DEFAULT_MAX_ATTEMPTS, logWriter);
    }

    /**
     * A journaled queue that gives up on a job after {@code maxAttempts} claims, ending it in
     * ERROR and telling the instances so, as every phase change is told.
     *
     * @param events      where the ERROR of a job given up is published
     * @param maxAttempts how many times a job may be started; a job whose instance stopped
     *                    that many times while running it (it may be what kills them) is not
     *                    started again
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, JobEvents events,
                         int maxAttempts) {
        this(redis, keys, journal, events, maxAttempts, JobLogWriter.NONE);
    }

    /**
     * As {@link #RedisJobQueue(LettuceConnectionFactory, JobKeys, JobJournal, JobEvents, int)},
     * writing the line of each claim (with the attempt the give-up counts), give-up and finish
     * to the job's log in the step's own script.
     *
     * @param logWriter this instance's signature on the lines
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, JobEvents events,
                         int maxAttempts, JobLogWriter logWriter) {
        this(redis, keys, journal, events, maxAttempts, logWriter, JobObserver.NONE);
    }

    /**
     * As {@link #RedisJobQueue(LettuceConnectionFactory, JobKeys, JobJournal, JobEvents, int, JobLogWriter)},
     * telling the observer what its claims and finishes did: phases reached, takeovers, jobs given
     * up, jobs held back by their owner's executing-jobs limit.
     */
    public RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, JobEvents events,
                         int maxAttempts, JobLogWriter logWriter, JobObserver observer) {
        this(redis, keys, Optional.of(requireNonNull(journal, "journal is null")),
                Optional.of(requireNonNull(events, "events is null")), maxAttempts, logWriter, observer);
    }

    private RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, Optional<JobJournal> journal,
                          Optional<JobEvents> events, int maxAttempts, JobLogWriter logWriter) {
        this(redis, keys, journal, events, maxAttempts, logWriter, JobObserver.NONE);
    }

    private RedisJobQueue(LettuceConnectionFactory redis, JobKeys keys, Optional<JobJournal> journal,
                          Optional<JobEvents> events, int maxAttempts, JobLogWriter logWriter, JobObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.scripts = new QueueScripts(this.redis);
        this.journal = journal;
        this.logWriter = requireNonNull(logWriter, "logWriter is null");
        this.events = events;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a job must be allowed at least one attempt: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void offer(JobId id) {
        requireNonNull(id, "id is null");
        redis.run(commands -> {
            scripts.offer(commands, keys.queue(), id);
            return null;
        });
    }

    /** How many jobs wait in the queue (claimable now or later): what operators scale on. */
    public long depth() {
        return redis.run(commands -> redis.await(commands.zcard(SharedConnection.bytes(keys.queue()))
                .toCompletableFuture()));
    }

    @Override
    public Optional<Lease> claim(Duration leaseTime, Instant startTime) {
        checkLeaseTime(leaseTime);
        requireNonNull(startTime, "startTime is null");
        JobHashMapper.HashWrites start = mapper.writes(JobChange.started(startTime), Optional.empty());
        JobChange givenUp = JobChange.failed(startTime, ErrorSummary.fatal("the job was started " + maxAttempts
                + " times and the instance running it stopped each time; it is not started again, since it may be"
                + " what stops them. Please report it with the job's id"));
        JobHashMapper.HashWrites giveUp = mapper.writes(givenUp, Optional.empty());
        String token = tokens.next();
        QueueScripts.ClaimLines lines = new QueueScripts.ClaimLines(logWriter.args(JobLogEvents.claimedTemplate()),
                logWriter.args(JobLogEvents.takenOverTemplate()),
                logWriter.args(JobLogEvents.finished(ExecutionPhase.ERROR, givenUp)));
        return redis.run(commands -> {
            for (int step = 0; step < MAX_STEPS; step++) {
                Optional<JobId> next = scripts.reserve(commands, keys.queue(), leaseTime);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                JobId id = next.get();
                switch (scripts.claim(commands, keys.jobStep(id), keys.lease(id), token, leaseTime, maxAttempts,
                        start, giveUp, lines)) {
                    case QueueScripts.Claim.Granted(Map<String, String> hash, boolean tookOver) -> {
                        journal.ifPresent(entries -> entries.changed(commands, id));
                        Job job = mapper.fromHash(id, hash);
                        if (tookOver) {
                            observer.tookOver(job);
                        } else {
                            observer.reached(job);
                        }
                        return Optional.of(new Lease(job, token));
                    }
                    // due again when that lease lapses, not a whole lease time after this reserve
                    case QueueScripts.Claim.Held(Duration left) -> scripts.defer(commands, keys.queue(), id, left);
                    case QueueScripts.Claim.Gone _ -> dequeue(commands, id);
                    // the owner's other jobs hold its executing quota: others' jobs go first
                    case QueueScripts.Claim.OverQuota _ -> {
                        scripts.defer(commands, keys.queue(), id, QUOTA_RETRY);
                        observer.heldBackByQuota(id);
                    }
                    case QueueScripts.Claim.GaveUp(Map<String, String> hash) -> {
                        journal.ifPresent(entries -> entries.changed(commands, id));
                        dequeue(commands, id);
                        log.warn("job {} was given up after {} attempts: each instance running it stopped", id,
                                maxAttempts);
                        Job job = mapper.fromHash(id, hash);
                        observer.gaveUp(job);
                        observer.reached(job);
                        events.ifPresent(bus -> bus.publish(PhaseChange.of(job)));
                    }
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public boolean renew(Lease lease, Duration leaseTime) {
        requireNonNull(lease, "lease is null");
        checkLeaseTime(leaseTime);
        JobId id = lease.id();
        return redis.run(commands -> {
            if (!scripts.renew(commands, keys.lease(id), keys.job(id), lease.token(), leaseTime)) {
                return false;
            }
            scripts.defer(commands, keys.queue(), id, leaseTime);
            return true;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if UWS does not allow EXECUTING to move to the target, or
     *         the change sets a client field (run id, parameters, execution duration,
     *         destruction): those need the store's own steps (a parameter merge, the expiry of
     *         the job's keys), and a worker ending a job sets only the service's fields
     */
    @Override
    public TransitionResult finish(Lease lease, ExecutionPhase target, JobChange change) {
        requireNonNull(lease, "lease is null");
        requireNonNull(change, "change is null");
        PhaseTransitions.checkRequest(Set.of(ExecutionPhase.EXECUTING), target);
        for (JobChange.Field field : change.fields()) {
            if (field.isClientField()) {
                throw new IllegalArgumentException(field + " is the client's to change, not a finishing worker's");
            }
        }
        JobHashMapper.HashWrites writes = mapper.writes(change, Optional.empty());
        JobId id = lease.id();
        return redis.run(commands -> {
            TransitionResult result = switch (scripts.finish(commands, keys.jobStep(id), keys.lease(id),
                    lease.token(), target, writes, logWriter.args(JobLogEvents.finished(target, change)))) {
                case JobScripts.Reply.Changed(Map<String, String> hash) -> {
                    journal.ifPresent(entries -> entries.changed(commands, id));
                    Job job = mapper.fromHash(id, hash);
                    observer.reached(job);
                    yield new TransitionResult.Applied(job);
                }
                case JobScripts.Reply.WrongPhase(ExecutionPhase current) -> new TransitionResult.Refused(current);
                case JobScripts.Reply.Missing _ -> new TransitionResult.NotFound();
                case JobScripts.Reply.Stale _ -> throw new IllegalStateException("a finish script answered 'C'");
            };
            boolean runsElsewhere = result instanceof TransitionResult.Refused(ExecutionPhase current)
                    && current == ExecutionPhase.EXECUTING;
            if (!runsElsewhere) {
                dequeue(commands, id);
            }
            return result;
        });
    }

    @Override
    public void release(Lease lease) {
        requireNonNull(lease, "lease is null");
        JobId id = lease.id();
        redis.run(commands -> {
            // the entry is made due only if the lease was still ours: one taken over meanwhile
            // keeps the schedule its new holder's renewals give it
            if (scripts.release(commands, keys.lease(id), keys.job(id), lease.token())) {
                scripts.defer(commands, keys.queue(), id, Duration.ZERO);
            }
            return null;
        });
    }

    @Override
    public void remove(JobId id) {
        requireNonNull(id, "id is null");
        redis.run(commands -> {
            dequeue(commands, id);
            return null;
        });
    }

    private void dequeue(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id) {
        redis.await(commands.zrem(SharedConnection.bytes(keys.queue()), SharedConnection.bytes(id.value()))
                .toCompletableFuture());
    }

    /** Redis counts leases in whole milliseconds; less than one would never hold. */
    private static void checkLeaseTime(Duration leaseTime) {
        requireNonNull(leaseTime, "leaseTime is null");
        if (leaseTime.toMillis() < 1) {
            throw new IllegalArgumentException("a lease time must be at least a millisecond: " + leaseTime);
        }
    }
}
