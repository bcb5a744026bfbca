package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tapservice.core.testing.SettableClock;

/**
 * The reference queue keeps the promises of {@link JobQueue}: one lease at a time per job,
 * taken over once it lapses, and a finish that never overwrites an abort. Leases lapse when
 * the test moves the clock, never by waiting.
 */
class InMemoryJobQueueTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final SecureRandom random = new SecureRandom();
    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final InMemoryJobQueue queue = new InMemoryJobQueue(store, clock);

    @Test
    void jobsAreClaimedInTheOrderTheyWereOfferedAndOfferedTwiceQueuedOnce() {
        List<JobId> offered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offered.add(offered().id());
        }
        queue.offer(offered.getFirst());

        List<JobId> claimed = new ArrayList<>();
        for (Optional<Lease> lease = queue.claim(LEASE, NOW); lease.isPresent(); lease = queue.claim(LEASE, NOW)) {
            claimed.add(lease.get().id());
        }

        assertThat(claimed).containsExactlyElementsOf(offered);
    }

    @Test
    void aClaimMovesTheJobFromQueuedToExecutingWithItsStartTimeUnderANewLease() {
        Job job = offered();
        Instant start = NOW.plusSeconds(3);

        Lease lease = queue.claim(LEASE, start).orElseThrow();

        Job executing = JobChange.started(start).applyTo(job).withPhase(ExecutionPhase.EXECUTING);
        assertThat(lease.job()).isEqualTo(executing);
        assertThat(store.find(job.id())).contains(executing);
        assertThat(queue.claim(LEASE, start)).as("a job runs under one lease at a time").isEmpty();
        assertThat(queue.contains(job.id())).as("on the queue until finished").isTrue();
    }

    @Test
    void jobsAbortedOrDeletedWhileQueuedAreSkippedAndDropped() {
        Job aborted = offered();
        Job deleted = offered();
        Job next = offered();
        abort(aborted.id());
        store.delete(deleted.id());

        assertThat(queue.claim(LEASE, NOW).orElseThrow().id()).isEqualTo(next.id());
        assertThat(queue.contains(aborted.id())).isFalse();
        assertThat(queue.contains(deleted.id())).isFalse();
        assertThat(store.find(aborted.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.ABORTED);
    }

    @Test
    void manyWorkersClaimEveryJobExactlyOnce() throws Exception {
        Set<JobId> offered = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            offered.add(offered().id());
        }
        ConcurrentLinkedQueue<JobId> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                done.add(workers.submit(() -> {
                    go.await();
                    for (Optional<Lease> lease = queue.claim(LEASE, NOW); lease.isPresent();
                         lease = queue.claim(LEASE, NOW)) {
                        claimed.add(lease.get().id());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : done) {
                worker.get(20, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(claimed).doesNotHaveDuplicates().hasSameElementsAs(offered);
    }

    @Test
    void aLapsedLeaseLetsAnotherWorkerTakeTheJobOverAndLeavesTheFirstNothing() {
        Job job = offered();
        Lease first = queue.claim(LEASE, NOW).orElseThrow();
        clock.advance(LEASE.minusMillis(1));
        assertThat(queue.claim(LEASE, NOW)).as("while the first lease holds").isEmpty();

        clock.advance(Duration.ofMillis(1));
        Instant restart = clock.instant();
        Lease second = queue.claim(LEASE, restart).orElseThrow();

        assertThat(second.id()).isEqualTo(job.id());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.job().phase()).isEqualTo(ExecutionPhase.EXECUTING);
        assertThat(second.job().startTime()).contains(restart);
        assertThat(store.find(job.id())).contains(second.job());
        assertThat(queue.renew(first, LEASE)).isFalse();
        assertThat(queue.finish(first, ExecutionPhase.COMPLETED, JobChange.completed(NOW, List.of())))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.EXECUTING));
        assertThat(queue.contains(job.id())).as("takeable should the second worker die too").isTrue();
        assertThat(queue.finish(second, ExecutionPhase.COMPLETED, JobChange.completed(NOW, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void aRenewedLeaseOutlivesItsOriginalTimeButALapsedOneCannotBeRenewed() {
        offered();
        Lease lease = queue.claim(LEASE, NOW).orElseThrow();

        clock.advance(LEASE.dividedBy(2));
        assertThat(queue.renew(lease, LEASE)).isTrue();
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));
        assertThat(queue.claim(LEASE, NOW)).as("past the original lease time").isEmpty();

        clock.advance(LEASE);
        assertThat(queue.renew(lease, LEASE)).as("lapsed, even though nobody took it over").isFalse();
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(NOW, List.of())))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.EXECUTING));
    }

    @Test
    void aFinishMovesTheJobWithItsChangeAndTakesItOffTheQueue() {
        Job job = offered();
        Lease lease = queue.claim(LEASE, NOW).orElseThrow();
        JobChange completed = JobChange.completed(NOW.plusSeconds(5), List.of(Result.main("text/csv", 12)));

        TransitionResult result = queue.finish(lease, ExecutionPhase.COMPLETED, completed);

        Job done = completed.applyTo(lease.job()).withPhase(ExecutionPhase.COMPLETED);
        assertThat(result).isEqualTo(new TransitionResult.Applied(done));
        assertThat(store.find(job.id())).contains(done);
        assertThat(queue.contains(job.id())).isFalse();
        assertThat(queue.renew(lease, LEASE)).isFalse();
        assertThat(queue.finish(lease, ExecutionPhase.ERROR, JobChange.aborted(NOW)))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.COMPLETED));
    }

    @Test
    void aFinishAfterAnAbortIsRefusedAndTheJobStaysAborted() {
        Job job = offered();
        Lease lease = queue.claim(LEASE, NOW).orElseThrow();
        Job aborted = ((TransitionResult.Applied) abort(job.id())).job();

        assertThat(queue.renew(lease, LEASE)).isFalse();
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(NOW, List.of())))
                .isEqualTo(new TransitionResult.Refused(ExecutionPhase.ABORTED));
        assertThat(store.find(job.id())).contains(aborted);
        assertThat(queue.contains(job.id())).isFalse();
    }

    @Test
    void aFinishOfAJobDeletedMeanwhileFindsNothing() {
        Job job = offered();
        Lease lease = queue.claim(LEASE, NOW).orElseThrow();
        store.delete(job.id());

        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(NOW, List.of())))
                .isEqualTo(new TransitionResult.NotFound());
        assertThat(queue.contains(job.id())).isFalse();
    }

    @Test
    void aFinishUwsDoesNotAllowOrThatChangesTheClientsFieldsIsRefusedBeforeAnyChange() {
        Job job = offered();
        Lease lease = queue.claim(LEASE, NOW).orElseThrow();

        assertThatThrownBy(() -> queue.finish(lease, ExecutionPhase.QUEUED, JobChange.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.finish(lease, ExecutionPhase.COMPLETED,
                JobChange.completed(NOW, List.of()).withDestruction(NOW.plusSeconds(10))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(job.id())).contains(lease.job());
        assertThat(queue.contains(job.id())).isTrue();
    }

    @Test
    void aReleasedJobIsClaimableAtOnceAndTheReleasingLeaseIsOver() {
        Job job = offered();
        Lease stopping = queue.claim(LEASE, NOW).orElseThrow();

        queue.release(stopping);

        Lease next = queue.claim(LEASE, NOW.plusSeconds(1)).orElseThrow();
        assertThat(next.id()).isEqualTo(job.id());
        assertThat(next.job().startTime()).contains(NOW.plusSeconds(1));
        assertThat(queue.renew(stopping, LEASE)).isFalse();
    }

    @Test
    void releasingALeaseTakenOverMeanwhileLeavesTheNewHolderAlone() {
        offered();
        Lease first = queue.claim(LEASE, NOW).orElseThrow();
        clock.advance(LEASE);
        Lease second = queue.claim(LEASE, clock.instant()).orElseThrow();

        queue.release(first);

        assertThat(queue.renew(second, LEASE)).isTrue();
        assertThat(queue.claim(LEASE, clock.instant())).as("the new holder's lease still holds").isEmpty();
    }

    @Test
    void removeTakesAJobOffTheQueueWhateverItsPhase() {
        Job removed = offered();
        Job kept = offered();

        queue.remove(removed.id());
        queue.remove(JobId.random(random));

        assertThat(queue.claim(LEASE, NOW).orElseThrow().id()).isEqualTo(kept.id());
        assertThat(queue.claim(LEASE, NOW)).isEmpty();
        assertThat(store.find(removed.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.QUEUED);
    }

    @Test
    void aLeaseTimeMustBePositive() {
        offered();

        assertThatThrownBy(() -> queue.claim(Duration.ZERO, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.claim(LEASE, NOW)).as("nothing was claimed by the refused call").isPresent();
    }

    /** A new job moved to QUEUED as RUN does, and offered. */
    private Job offered() {
        Job job = Job.pending(JobId.random(random), Optional.of("alice"), Optional.empty(),
                List.of(Parameter.of("QUERY", "SELECT 1")), NOW, Duration.ofSeconds(60), NOW.plus(Duration.ofDays(1)));
        store.create(job);
        TransitionResult queued = store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none());
        queue.offer(job.id());
        return ((TransitionResult.Applied) queued).job();
    }

    private TransitionResult abort(JobId id) {
        return store.transition(id, PhaseTransitions.sources(ExecutionPhase.ABORTED), ExecutionPhase.ABORTED,
                JobChange.aborted(NOW.plusSeconds(1)));
    }
}
