package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.RedisCallback;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobEvents;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;

/**
 * The {@link org.tapservice.core.uws.JobQueue} contract on the local Redis, with the jobs in a
 * {@link RedisJobStore} on the same namespace: order, claims racing each other, leases that
 * lapse, and finishes racing aborts.
 */
class RedisJobQueueTest {

    private static final Duration LONG_LEASE = Duration.ofMinutes(1);
    private static final Duration SHORT_LEASE = Duration.ofMillis(500);
    /** A bound on waits for a lease to lapse, never an expectation of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private RedisJobQueue queue;
    private Instant now;

    @BeforeEach
    void newQueue() {
        keys = redis.keys();
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
        queue = new RedisJobQueue(redis.factory(), keys);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void jobsAreClaimedInTheOrderTheyWereOffered() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(queued());
        }
        // against the order of the ids, which is Redis's order among equal scores
        jobs.sort(Comparator.comparing(Job::id).reversed());
        jobs.forEach(job -> queue.offer(job.id()));

        List<JobId> claimed = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            claimed.add(queue.claim(LONG_LEASE, now).orElseThrow().id());
        }

        assertThat(claimed).containsExactlyElementsOf(jobs.stream().map(Job::id).toList());
    }

    @Test
    void offeringAJobTwiceQueuesItOnce() {
        Job job = queued();

        queue.offer(job.id());
        queue.offer(job.id());

        assertThat(queueEntries()).containsExactly(job.id().value());
        assertThat(queue.claim(LONG_LEASE, now)).isPresent();
        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();
    }

    @Test
    void aClaimMovesTheJobFromQueuedToExecutingWithItsStartTimeUnderANewLease() {
        Job job = queued();
        queue.offer(job.id());
        Instant start = now.plusSeconds(3);

        Lease lease = queue.claim(LONG_LEASE, start).orElseThrow();

        Job executing = JobChange.started(start).applyTo(job).withPhase(ExecutionPhase.EXECUTING);
        assertThat(lease.job()).isEqualTo(executing);
        assertThat(store.find(job.id())).contains(executing);
        assertThat(lease.token()).matches("[A-Za-z0-9_-]{22}");
        assertThat(redis.template().opsForValue().get(keys.lease(job.id()))).isEqualTo(lease.token());
        assertThat(redis.template().getExpire(keys.lease(job.id()), SECONDS)).isBetween(1L, LONG_LEASE.toSeconds());
        assertThat(queue.claim(LONG_LEASE, start)).as("a job runs under one lease at a time").isEmpty();
    }

    @Test
    void aJobAbortedWhileQueuedIsSkippedAndDroppedFromTheQueue() {
        Job aborted = queued();
        Job next = queued();
        queue.offer(aborted.id());
        queue.offer(next.id());
        abort(aborted.id());

        assertThat(queue.claim(LONG_LEASE, now).orElseThrow().id()).isEqualTo(next.id());
        assertThat(queueEntries()).containsExactly(next.id().value());
        assertThat(store.find(aborted.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.ABORTED);
    }

    @Test
    void aDeletedJobIsSkippedAndDroppedFromTheQueue() {
        Job deleted = queued();
        Job next = queued();
        queue.offer(deleted.id());
        queue.offer(next.id());
        store.delete(deleted.id());

        assertThat(queue.claim(LONG_LEASE, now).orElseThrow().id()).isEqualTo(next.id());
        assertThat(queueEntries()).containsExactly(next.id().value());
        assertThat(store.find(deleted.id())).isEmpty();
    }

    @Test
    void withNothingDueAClaimGetsNoLease() {
        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();

        queue.offer(queued().id());
        queue.claim(LONG_LEASE, now).orElseThrow();

        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();
    }

    @Test
    void fiftyWorkersClaimEveryJobExactlyOnce() throws Exception {
        Set<JobId> offered = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Job job = queued();
            queue.offer(job.id());
            offered.add(job.id());
        }
        ConcurrentLinkedQueue<JobId> claimed = new ConcurrentLinkedQueue<>();

        race(50, () -> {
            for (Optional<Lease> lease = queue.claim(LONG_LEASE, now); lease.isPresent();
                 lease = queue.claim(LONG_LEASE, now)) {
                claimed.add(lease.get().id());
            }
            return null;
        });

        assertThat(claimed).doesNotHaveDuplicates().hasSize(offered.size());
        assertThat(new HashSet<>(claimed)).isEqualTo(offered);
        assertThat(offered).allSatisfy(id -> assertThat(store.find(id).orElseThrow().phase())
                .isEqualTo(ExecutionPhase.EXECUTING));
    }

    @Test
    void aLapsedLeaseLetsAnotherWorkerTakeTheJobOverAndLeavesTheFirstNothing() throws InterruptedException {
        Job job = queued();
        queue.offer(job.id());
        Lease first = queue.claim(SHORT_LEASE, now).orElseThrow();
        assertThat(queue.claim(SHORT_LEASE, now)).as("while the first lease holds").isEmpty();

        Instant restart = now.plusSeconds(60);
        Lease second = claimOnceLapsed(restart);

        assertThat(second.id()).isEqualTo(job.id());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.job().phase()).isEqualTo(ExecutionPhase.EXECUTING);
        assertThat(second.job().startTime()).contains(restart);
        assertThat(queue.renew(first, SHORT_LEASE)).isFalse();
        assertThat(queue.finish(first, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.EXECUTING));
        assertThat(store.find(job.id())).contains(second.job());
        assertThat(queueEntries()).as("the job stays takeable should the second worker die too")
                .containsExactly(job.id().value());
        assertThat(queue.finish(second, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void aRenewedLeaseOutlivesItsOriginalTime() throws InterruptedException {
        Duration leaseTime = Duration.ofSeconds(2);
        queue.offer(queued().id());
        Lease lease = queue.claim(leaseTime, now).orElseThrow();

        Thread.sleep(leaseTime.multipliedBy(3).dividedBy(5));
        assertThat(queue.renew(lease, leaseTime)).isTrue();
        Thread.sleep(leaseTime.multipliedBy(3).dividedBy(5));

        assertThat(queue.claim(leaseTime, now)).as("past the original lease time").isEmpty();
        assertThat(queue.renew(lease, leaseTime)).isTrue();
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void anEntryDueWhileItsLeaseHoldsIsPutOffUntilTheLeaseEnds() {
        Job job = queued();
        queue.offer(job.id());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        // as if the renew's push of the entry had been lost
        redis.template().opsForZSet().add(keys.queue(), job.id().value(), 0);

        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();

        assertThat(redis.template().opsForZSet().score(keys.queue(), job.id().value()))
                .isGreaterThan(redisMillis() + LONG_LEASE.dividedBy(2).toMillis());
        assertThat(queue.renew(lease, LONG_LEASE)).isTrue();
        assertThat(store.find(job.id())).contains(lease.job());
    }

    @Test
    void aFinishCompletesTheJobWithItsResultsAndTakesItOffTheQueue() {
        Job job = queued();
        queue.offer(job.id());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        JobChange completed = JobChange.completed(now.plusSeconds(5),
                List.of(new Result("result", "application/x-votable+xml", 1234)));

        TransitionResult result = queue.finish(lease, ExecutionPhase.COMPLETED, completed);

        Job done = completed.applyTo(lease.job()).withPhase(ExecutionPhase.COMPLETED);
        assertThat(result).isEqualTo(new TransitionResult.Applied(done));
        assertThat(store.find(job.id())).contains(done);
        assertThat(queueEntries()).isEmpty();
        assertThat(redis.template().hasKey(keys.lease(job.id()))).isFalse();
        assertThat(queue.renew(lease, LONG_LEASE)).isFalse();
        assertThat(queue.finish(lease, ExecutionPhase.ERROR, JobChange.aborted(now)))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.COMPLETED));
    }

    @Test
    void aFinishAfterAnAbortIsRefusedAndTheJobStaysAborted() {
        Job job = queued();
        queue.offer(job.id());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        Job aborted = ((TransitionResult.Applied) abort(job.id())).job();

        assertThat(queue.renew(lease, LONG_LEASE)).isFalse();
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.ABORTED));

        assertThat(store.find(job.id())).contains(aborted);
        assertThat(queueEntries()).isEmpty();
    }

    @Test
    void aFinishRacingAnAbortLeavesOneOutcomeThatNothingOverwrites() throws Exception {
        for (int i = 0; i < 50; i++) {
            Job job = queued();
            queue.offer(job.id());
            Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();

            List<TransitionResult> results = race(2, List.of(
                    () -> queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())),
                    () -> abort(job.id())));

            TransitionResult finish = results.get(0);
            TransitionResult abort = results.get(1);
            ExecutionPhase phase = store.find(job.id()).orElseThrow().phase();
            if (finish instanceof TransitionResult.Applied) {
                assertThat(phase).isEqualTo(ExecutionPhase.COMPLETED);
                assertThat(abort).isEqualTo(new TransitionResult.Refused(ExecutionPhase.COMPLETED));
            } else {
                assertThat(phase).isEqualTo(ExecutionPhase.ABORTED);
                assertThat(finish).isEqualTo(new TransitionResult.Refused(ExecutionPhase.ABORTED));
                assertThat(abort).isInstanceOf(TransitionResult.Applied.class);
            }
            assertThat(queue.finish(lease, ExecutionPhase.ERROR, JobChange.aborted(now)))
                    .isEqualTo(new TransitionResult.Refused(phase));
            assertThat(store.find(job.id()).orElseThrow().phase()).isEqualTo(phase);
        }
        assertThat(queueEntries()).isEmpty();
    }

    @Test
    void aFinishUwsDoesNotAllowOrThatChangesTheClientsFieldsIsRefusedBeforeAnyChange() {
        Job job = queued();
        queue.offer(job.id());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();

        assertThatThrownBy(() -> queue.finish(lease, ExecutionPhase.QUEUED, JobChange.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.finish(lease, ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of()).withDestruction(now.plusSeconds(10))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.find(job.id())).contains(lease.job());
        assertThat(queueEntries()).containsExactly(job.id().value());
    }

    @Test
    void removeTakesAJobOffTheQueue() {
        Job removed = queued();
        Job kept = queued();
        queue.offer(removed.id());
        queue.offer(kept.id());

        queue.remove(removed.id());
        queue.remove(JobId.random(random));

        assertThat(queueEntries()).containsExactly(kept.id().value());
        assertThat(queue.claim(LONG_LEASE, now).orElseThrow().id()).isEqualTo(kept.id());
        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();
        assertThat(store.find(removed.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.QUEUED);
    }

    @Test
    void aJobWhoseInstancesKeepStoppingIsGivenUpAfterTheAttemptsAllowedAndEndsInError() throws Exception {
        InMemoryJobEvents events = new InMemoryJobEvents();
        List<PhaseChange> heard = new CopyOnWriteArrayList<>();
        events.subscribe(heard::add);
        queue = new RedisJobQueue(redis.factory(), keys, new JobJournal(keys, 1000), events, 2);
        RedisQuotaLedger ledger = new RedisQuotaLedger(redis.factory(), keys);
        Job job = queued();
        queue.offer(job.id());
        queue.claim(SHORT_LEASE, now).orElseThrow();
        // the first instance dies; the second takes the job over and dies too
        claimOnceLapsed(now.plusSeconds(1));
        assertThat(ledger.usage(Optional.of("alice")).executingJobs()).as("one job, however often started").isOne();

        Instant third = now.plusSeconds(2);
        Optional<Lease> none = claimUntilTaken(job.id(), third);

        assertThat(none).as("no third start").isEmpty();
        Job failed = store.find(job.id()).orElseThrow();
        assertThat(failed.phase()).isEqualTo(ExecutionPhase.ERROR);
        assertThat(failed.endTime()).contains(third);
        assertThat(failed.error().orElseThrow().message())
                .contains("started 2 times", "the instance running it stopped each time", "not started again");
        assertThat(queueEntries()).isEmpty();
        assertThat(heard).containsExactly(new PhaseChange(job.id(), ExecutionPhase.ERROR, Optional.of("alice")));
        assertThat(ledger.usage(Optional.of("alice")).executingJobs()).isZero();
        assertThat(redis.template().opsForStream().size(keys.journal())).as("journaled").isPositive();
    }

    @Test
    void aJobHandedBackByAnInstanceThatStopsInOrderDoesNotUseUpAnAttempt() {
        queue = new RedisJobQueue(redis.factory(), keys, new JobJournal(keys, 1000), new InMemoryJobEvents(), 1);
        Job job = queued();
        queue.offer(job.id());

        for (int stop = 0; stop < 3; stop++) {
            queue.release(queue.claim(LONG_LEASE, now).orElseThrow());
        }

        Lease last = queue.claim(LONG_LEASE, now).orElseThrow();
        assertThat(last.id()).isEqualTo(job.id());
        assertThat(last.job().phase()).isEqualTo(ExecutionPhase.EXECUTING);
    }

    @Test
    void theObserverIsToldOfEachPhaseAClaimOrFinishReachesAndOfEachTakeoverOnce() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        queue = new RedisJobQueue(redis.factory(), keys, new JobJournal(keys, 1000), new InMemoryJobEvents(), 3,
                JobLogWriter.NONE, observer);
        Job job = queued();
        queue.offer(job.id());
        queue.claim(SHORT_LEASE, now).orElseThrow();
        Lease second = claimOnceLapsed(now.plusSeconds(1));
        queue.finish(second, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of()));

        assertThat(observer.events).containsExactly("reached EXECUTING " + job.id(), "took over " + job.id(),
                "reached COMPLETED " + job.id());
    }

    @Test
    void theObserverIsToldOfAJobGivenUpAndOfTheErrorItReached() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        queue = new RedisJobQueue(redis.factory(), keys, new JobJournal(keys, 1000), new InMemoryJobEvents(), 1,
                JobLogWriter.NONE, observer);
        Job job = queued();
        queue.offer(job.id());
        queue.claim(SHORT_LEASE, now).orElseThrow();

        claimUntilTaken(job.id(), now.plusSeconds(1));

        assertThat(observer.events).containsExactly("reached EXECUTING " + job.id(), "gave up " + job.id(),
                "reached ERROR " + job.id());
    }

    @Test
    void theObserverIsToldOfEachClaimThatLeftAJobQueuedForItsOwnersExecutingLimit() {
        RecordingObserver observer = new RecordingObserver();
        queue = new RedisJobQueue(redis.factory(), keys, new JobJournal(keys, 1000), new InMemoryJobEvents(), 3,
                JobLogWriter.NONE, observer);
        RedisQuotaLedger ledger = new RedisQuotaLedger(redis.factory(), keys);
        Quota oneAtATime = new Quota(OptionalInt.of(1), OptionalInt.empty(), OptionalLong.empty(), Optional.empty());
        List<JobId> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Job job = created();
            assertThat(ledger.queue(job.id(), oneAtATime)).isInstanceOf(Admission.Queued.class);
            queue.offer(job.id());
            jobs.add(job.id());
        }
        queue.claim(LONG_LEASE, now).orElseThrow();

        assertThat(queue.claim(LONG_LEASE, now)).isEmpty();

        assertThat(observer.events).containsExactly("reached EXECUTING " + jobs.get(0),
                "held back " + jobs.get(1));
    }

    /** What the observer heard, in order: the port is ours, and this is its whole contract. */
    private static final class RecordingObserver implements JobObserver {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void reached(Job job) {
            events.add("reached " + job.phase().value() + " " + job.id());
        }

        @Override
        public void tookOver(Job job) {
            events.add("took over " + job.id());
        }

        @Override
        public void gaveUp(Job job) {
            events.add("gave up " + job.id());
        }

        @Override
        public void heldBackByQuota(JobId id) {
            events.add("held back " + id);
        }
    }

    /** Claims as the workers of another instance would, until one gets the job or it leaves EXECUTING. */
    private Optional<Lease> claimUntilTaken(JobId id, Instant start) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            Optional<Lease> lease = queue.claim(SHORT_LEASE, start);
            if (lease.isPresent() || store.find(id).orElseThrow().phase() != ExecutionPhase.EXECUTING) {
                return lease;
            }
            Thread.sleep(SHORT_LEASE.dividedBy(6));
        }
        throw new AssertionError("the lease never lapsed within " + PATIENCE);
    }

    /** A new job in the store, moved to QUEUED as RUN does; not yet offered. */
    @Test
    void aReleasedJobIsClaimableAtOnceAndTheReleasingLeaseIsOver() {
        Job job = queued();
        queue.offer(job.id());
        Lease stopping = queue.claim(LONG_LEASE, now).orElseThrow();

        queue.release(stopping);

        Lease next = queue.claim(LONG_LEASE, now.plusSeconds(1)).orElseThrow();
        assertThat(next.id()).isEqualTo(job.id());
        assertThat(next.job().phase()).isEqualTo(ExecutionPhase.EXECUTING);
        assertThat(queue.renew(stopping, LONG_LEASE)).isFalse();
    }

    @Test
    void releasingALeaseTakenOverMeanwhileLeavesTheNewHolderAlone() throws InterruptedException {
        Job job = queued();
        queue.offer(job.id());
        Lease first = queue.claim(SHORT_LEASE, now).orElseThrow();
        Lease second = claimOnceLapsed(now.plusSeconds(60));

        queue.release(first);

        assertThat(queue.renew(second, SHORT_LEASE)).isTrue();
        assertThat(queue.claim(SHORT_LEASE, now)).as("the new holder's lease still holds").isEmpty();
    }

    private Job queued() {
        Job job = created();
        TransitionResult queued = store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none());
        return ((TransitionResult.Applied) queued).job();
    }

    /** A new PENDING job of Alice's in the store. */
    private Job created() {
        Job job = Job.pending(JobId.random(random, Optional.of("alice")), Optional.of("alice"), Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), now,
                Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
        store.create(job);
        return job;
    }

    private TransitionResult abort(JobId id) {
        return store.transition(id, PhaseTransitions.sources(ExecutionPhase.ABORTED), ExecutionPhase.ABORTED,
                JobChange.aborted(now.plusSeconds(1)));
    }

    /** Claims until the lease held by another worker lapses; the job's own time, bounded. */
    private Lease claimOnceLapsed(Instant start) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            Optional<Lease> lease = queue.claim(SHORT_LEASE, start);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(SHORT_LEASE.dividedBy(6));
        }
        throw new AssertionError("the lease never lapsed within " + PATIENCE);
    }

    private List<String> queueEntries() {
        return List.copyOf(redis.template().opsForZSet().range(keys.queue(), 0, -1));
    }

    private static long redisMillis() {
        return redis.template().execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
    }

    /** Runs the same task on that many threads at once; the results in task order. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        return race(threads, Collections.nCopies(threads, task));
    }

    private static <T> List<T> race(int threads, List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> outcomes = new ArrayList<>();
            for (Callable<T> task : tasks) {
                outcomes.add(pool.submit(() -> {
                    go.await(20, SECONDS);
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> outcome : outcomes) {
                results.add(outcome.get(60, SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(20, SECONDS)).isTrue();
        }
    }
}
