package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.DefaultTypedTuple;
import org.springframework.data.redis.core.ZSetOperations;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.TransitionResult;

/**
 * A job nobody would ever run (QUEUED, or EXECUTING with no lease, and missing from the queue)
 * is offered again and runs once; jobs between their two steps are left alone; the sweep
 * reads the index a page at a time and starts over at once when Redis is another server.
 */
class JobReconcilerTest {

    private static final Duration LONG_LEASE = Duration.ofMinutes(1);
    /** Turns may follow each other closely: the lock lapses after a millisecond. */
    private static final Duration PERIOD = Duration.ofMillis(1);
    private static final Duration GRACE = Duration.ofMillis(300);
    /** A bound on waits, never an expectation of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private RedisJobQueue queue;
    private RedisJobLog jobLog;
    private RedisClusterLock lock;
    private Instant now;

    @BeforeEach
    void newNamespace() {
        keys = redis.keys();
        JobJournal journal = new JobJournal(keys, 100_000);
        JobLogWriter writer = new JobLogWriter("test", 100);
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1), journal, CreationDurability.none(),
                writer);
        queue = new RedisJobQueue(redis.factory(), keys, journal, writer);
        jobLog = new RedisJobLog(redis.factory(), keys, writer);
        lock = new RedisClusterLock(redis.factory(), keys);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aQueuedJobWhoseQueueEntryWasLostIsOfferedAgainAndCompletes() throws InterruptedException {
        JobReconciler reconciler = reconciler(GRACE, 100);
        Job job = queued();
        queue.offer(job.id());
        loseQueueEntry(job.id());

        awaitOfferedAgain(reconciler, 1);

        assertThat(queueEntries()).containsExactly(job.id().value());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        assertThat(lease.id()).isEqualTo(job.id());
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
        assertThat(events(job.id())).containsSubsequence(
                "queued", "offered to the queue again: it was QUEUED but not in the queue (a write lost in a Redis"
                        + " failover or restart, or an instance that stopped between queueing the job and offering it)",
                "claimed (attempt 1)", "finished COMPLETED");
    }

    @Test
    void anExecutingJobWithNoLeaseAndNoQueueEntryIsTakenOverAndCompletes() throws InterruptedException {
        JobReconciler reconciler = reconciler(GRACE, 100);
        Job job = queued();
        queue.offer(job.id());
        Lease first = queue.claim(LONG_LEASE, now).orElseThrow();
        // its instance died and a failover lost the queue's entry
        redis.template().delete(keys.lease(job.id()));
        loseQueueEntry(job.id());

        awaitOfferedAgain(reconciler, 1);

        Lease second = queue.claim(LONG_LEASE, now).orElseThrow();
        assertThat(second.id()).isEqualTo(job.id());
        assertThat(queue.finish(first, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .as("the first run's finish").isEqualTo(new TransitionResult.Refused(ExecutionPhase.EXECUTING));
        assertThat(queue.finish(second, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
        assertThat(events(job.id())).containsSubsequence("claimed (attempt 1)",
                "offered to the queue again: it was EXECUTING, held by no instance and not in the queue, so no"
                        + " instance would have taken it over",
                "took over the job, which no instance held any longer (attempt 2)", "finished COMPLETED");
    }

    @Test
    void anExecutingJobWhoseLeaseLivesButWhoseEntryWasLostIsQueuedAgainAndStaysWithItsWorker()
            throws InterruptedException {
        JobReconciler reconciler = reconciler(GRACE, 100);
        Job job = queued();
        queue.offer(job.id());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        loseQueueEntry(job.id());

        awaitOfferedAgain(reconciler, 1);

        assertThat(queueEntries()).as("takeable should its worker stop").containsExactly(job.id().value());
        assertThat(queue.claim(LONG_LEASE, now)).as("the live lease is the gate").isEmpty();
        assertThat(queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of())))
                .isInstanceOf(TransitionResult.Applied.class);
        assertThat(queueEntries()).isEmpty();
    }

    @Test
    void aJobBetweenItsQueuedStepAndItsOfferIsNotOfferedWithinTheGraceAndADoubleOfferIsHarmless()
            throws InterruptedException {
        JobReconciler reconciler = reconciler(Duration.ofHours(1), 100);
        Job job = queued();

        JobReconciler.Turn turn = turn(reconciler);
        turn(reconciler);

        assertThat(turn.suspected()).as("noted").isEqualTo(1);
        assertThat(reconciler.offeredAgain()).isZero();
        assertThat(queueEntries()).as("left to the step under way").isEmpty();

        // the instance's own offer, then one made again (as a reconciliation past its grace would)
        queue.offer(job.id());
        queue.offer(job.id());
        assertThat(queueEntries()).containsExactly(job.id().value());
        Lease lease = queue.claim(LONG_LEASE, now).orElseThrow();
        assertThat(queue.claim(LONG_LEASE, now)).as("claimed once").isEmpty();
        queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of()));

        JobReconciler late = reconciler(Duration.ZERO, 100);
        turn(late);
        assertThat(late.offeredAgain()).as("a suspect that has moved on is forgotten, not offered").isZero();
        assertThat(redis.template().opsForZSet().size(keys.reconciliationSuspects())).isZero();
    }

    @Test
    void aBusyRunOfManyJobsHasNoJobRunTwiceAndNothingOfferedAgain() throws Exception {
        JobReconciler reconciler = reconciler(Duration.ofSeconds(3), 50);
        int jobs = 200;
        Map<JobId, AtomicInteger> claims = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int suspected = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int producer = 0; producer < 4; producer++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < jobs / 4; i++) {
                        Job job = queued();
                        // the gap between the two steps, long enough for turns to meet the job in it
                        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 100));
                        queue.offer(job.id());
                    }
                    return null;
                }));
            }
            for (int worker = 0; worker < 8; worker++) {
                work.add(threads.submit(() -> {
                    while (!stop.get()) {
                        Optional<Lease> lease = queue.claim(LONG_LEASE, now);
                        if (lease.isEmpty()) {
                            Thread.sleep(5);
                            continue;
                        }
                        claims.computeIfAbsent(lease.get().id(), id -> new AtomicInteger()).incrementAndGet();
                        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 20));
                        assertThat(queue.finish(lease.get(), ExecutionPhase.COMPLETED,
                                JobChange.completed(now, List.of()))).isInstanceOf(TransitionResult.Applied.class);
                        finished.incrementAndGet();
                    }
                    return null;
                }));
            }
            Instant giveUp = Instant.now().plus(PATIENCE.multipliedBy(2));
            while (finished.get() < jobs && Instant.now().isBefore(giveUp)) {
                suspected += turn(reconciler).suspected();
                Thread.sleep(10);
            }
            stop.set(true);
            for (Future<?> future : work) {
                future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }

        assertThat(finished.get()).isEqualTo(jobs);
        assertThat(claims).hasSize(jobs);
        assertThat(claims.values()).allSatisfy(count -> assertThat(count.get()).as("claims of one job").isEqualTo(1));
        assertThat(reconciler.offeredAgain()).as("offers made again").isZero();
        System.out.printf("busy run: %d jobs, %d noted between their steps, none offered again%n", jobs, suspected);
    }

    @Test
    void theSweepReadsTheIndexAPageAtATimeAndResumesWhereTheLastTurnStopped() throws InterruptedException {
        int synthetic = 20_000;
        int page = 500;
        fillIndex(synthetic);
        Job lost = queued();
        JobReconciler reconciler = reconciler(Duration.ofHours(1), page);
        // the first turn ever sweeps everything at once, as after a failover (tested below)
        turn(reconciler);
        assertThat(redis.template().opsForZSet().score(keys.reconciliationSuspects(), lost.id().value())).isNotNull();
        redis.template().delete(keys.reconciliationSuspects());

        int turns = 0;
        long read = 0;
        int largest = 0;
        JobReconciler.Turn turn;
        long started = System.nanoTime();
        do {
            turn = turn(reconciler);
            assertThat(turn.serverChanged()).isFalse();
            turns++;
            read += turn.entriesRead();
            largest = Math.max(largest, turn.entriesRead());
            assertThat(turns).as("turns of one sweep").isLessThan(synthetic);
        } while (!turn.sweepEnded());
        long millis = (System.nanoTime() - started) / 1_000_000;

        // ZSCAN's COUNT is a hint: a page may run a little over it, never near the whole index
        assertThat(largest).as("entries of the largest page").isLessThanOrEqualTo(3 * page);
        assertThat(turns).as("turns of one sweep").isGreaterThanOrEqualTo(synthetic / (3 * page));
        assertThat(read).as("entries read by one sweep").isGreaterThanOrEqualTo(synthetic + 1);
        assertThat(redis.template().opsForZSet().score(keys.reconciliationSuspects(), lost.id().value()))
                .as("the job the sweep met").isNotNull();
        System.out.printf("sweep of %d entries: %d turns, at most %d entries a turn, %d ms in all (lock waits"
                + " included)%n", synthetic + 1, turns, largest, millis);
    }

    @Test
    void anotherRedisServerThanTheSweepsStartsItOverAtOnceOverTheWholeIndex() throws InterruptedException {
        int synthetic = 20_000;
        fillIndex(synthetic);
        JobReconciler reconciler = reconciler(Duration.ofHours(1), 500);
        turn(reconciler);
        JobReconciler.Turn normal = turn(reconciler);
        assertThat(normal.serverChanged()).isFalse();
        assertThat(normal.entriesRead()).isLessThan(synthetic);

        // as the state looks on a replica promoted by a failover, or on a restarted server
        redis.template().opsForHash().put(keys.reconciliation(), "server", "0123456789abcdef-the-old-primary");
        JobReconciler.Turn after = turn(reconciler);

        assertThat(after.serverChanged()).isTrue();
        assertThat(after.entriesRead()).isGreaterThanOrEqualTo(synthetic);
        assertThat(after.sweepEnded()).isTrue();
        assertThat(turn(reconciler).serverChanged()).as("noticed once").isFalse();
    }

    private JobReconciler reconciler(Duration grace, int page) {
        return new JobReconciler(redis.factory(), keys, queue, jobLog, lock,
                new JobReconciler.Settings(PERIOD, grace, page, 100));
    }

    /** One turn of this reconciler, once the lock of the last one has lapsed. */
    private static JobReconciler.Turn turn(JobReconciler reconciler) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            JobReconciler.Turn turn = reconciler.turn();
            if (turn.ran()) {
                return turn;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no turn within " + PATIENCE);
    }

    private static void awaitOfferedAgain(JobReconciler reconciler, long offers) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (reconciler.offeredAgain() < offers && Instant.now().isBefore(giveUp)) {
            turn(reconciler);
            Thread.sleep(20);
        }
        assertThat(reconciler.offeredAgain()).as("jobs offered again").isEqualTo(offers);
    }

    private Job queued() {
        Job job = Job.pending(JobId.random(random, Optional.of("alice")), Optional.of("alice"), Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), now,
                Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
        store.create(job);
        return ((TransitionResult.Applied) store.transition(job.id(), Set.of(ExecutionPhase.PENDING),
                ExecutionPhase.QUEUED, JobChange.none())).job();
    }

    /** The write a failover lost, or an offer never made. */
    private void loseQueueEntry(JobId id) {
        assertThat(redis.template().opsForZSet().remove(keys.queue(), id.value())).isEqualTo(1);
    }

    /** Entries of jobs that are gone (as an index may hold), in one command. */
    private void fillIndex(int entries) {
        Set<ZSetOperations.TypedTuple<String>> members = new HashSet<>();
        while (members.size() < entries) {
            members.add(new DefaultTypedTuple<>(JobId.random(random).value(), (double) now.toEpochMilli()));
        }
        redis.template().opsForZSet().add(keys.allIndex(), members);
    }

    private List<String> queueEntries() {
        return List.copyOf(redis.template().opsForZSet().range(keys.queue(), 0, -1));
    }

    private List<String> events(JobId id) {
        return jobLog.read(id).stream().map(JobLogEntry::event).toList();
    }
}
