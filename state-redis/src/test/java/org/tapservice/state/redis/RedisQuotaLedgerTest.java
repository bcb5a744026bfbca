package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.script.RedisScript;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaExceeded;
import org.tapservice.core.quota.QuotaUsage;
import org.tapservice.core.quota.RequestRate;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;

/**
 * The quota ledger on the local Redis, with the jobs in a {@link RedisJobStore} and the queue on
 * the same namespace: what each owner's jobs hold is counted in the step that changes it, the
 * limits hold against concurrent steps, and counts that part from the jobs are found and put
 * right.
 */
class RedisQuotaLedgerTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Optional<String> ALICE = Optional.of("ivo://example.org/alice");
    private static final Optional<String> BOB = Optional.of("ivo://example.org/bob");
    private static final Optional<String> ANONYMOUS = Optional.empty();

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private RedisJobQueue queue;
    private RedisQuotaLedger ledger;
    private Instant now;

    @BeforeEach
    void newLedger() {
        keys = redis.keys();
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
        queue = new RedisJobQueue(redis.factory(), keys);
        ledger = new RedisQuotaLedger(redis.factory(), keys);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void whatAnOwnersJobsHoldIsCountedAsTheirPhasesChange() {
        Job job = created(ALICE);
        assertThat(ledger.usage(ALICE)).isEqualTo(QuotaUsage.NONE);

        assertThat(ledger.queue(job.id(), Quota.UNLIMITED)).isInstanceOf(Admission.Queued.class);
        assertThat(ledger.usage(ALICE)).isEqualTo(new QuotaUsage(1, 0, 0, OptionalLong.empty()));

        queue.offer(job.id());
        Lease lease = queue.claim(LEASE, now).orElseThrow();
        assertThat(ledger.usage(ALICE)).isEqualTo(new QuotaUsage(0, 1, 0, OptionalLong.empty()));

        queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of(
                Result.main("text/csv", 4096), new Result("log", "text/plain", 12))));
        assertThat(ledger.usage(ALICE)).isEqualTo(new QuotaUsage(0, 0, 4108, OptionalLong.empty()));

        store.delete(job.id());
        assertThat(ledger.usage(ALICE)).isEqualTo(QuotaUsage.NONE);
        assertThat(redis.keys(keys)).as("nothing is left counting a job that is gone")
                .doesNotContain(keys.usage(ALICE));
    }

    @Test
    void anAbortTakesBackWhatAQueuedOrExecutingJobHeld() {
        Job waiting = queued(ALICE, Quota.UNLIMITED);
        Job running = queued(ALICE, Quota.UNLIMITED);
        queue.offer(running.id());
        queue.claim(LEASE, now).orElseThrow();
        assertThat(ledger.usage(ALICE)).isEqualTo(new QuotaUsage(1, 1, 0, OptionalLong.empty()));

        abort(waiting.id());
        abort(running.id());

        assertThat(ledger.usage(ALICE)).isEqualTo(QuotaUsage.NONE);
    }

    @Test
    void ownersAndAnonymousCallersAreCountedApart() {
        queued(ALICE, Quota.UNLIMITED);
        queued(BOB, Quota.UNLIMITED);
        queued(BOB, Quota.UNLIMITED);
        queued(ANONYMOUS, Quota.UNLIMITED);

        assertThat(ledger.usage(ALICE).queuedJobs()).isOne();
        assertThat(ledger.usage(BOB).queuedJobs()).isEqualTo(2);
        assertThat(ledger.usage(ANONYMOUS).queuedJobs()).isOne();
    }

    @Test
    void runBeyondTheQueuedJobsLimitIsRefusedWithTheFiguresAndTheJobStaysPending() {
        Quota twoQueued = new Quota(OptionalInt.empty(), OptionalInt.of(2), OptionalLong.empty(), Optional.empty());
        queued(ALICE, twoQueued);
        queued(ALICE, twoQueued);
        Job third = created(ALICE);

        Admission refused = ledger.queue(third.id(), twoQueued);

        assertThat(refused).isEqualTo(new Admission.OverQuota(new QuotaExceeded(QuotaExceeded.Kind.QUEUED_JOBS, 2, 2)));
        assertThat(((Admission.OverQuota) refused).exceeded().message())
                .contains("2 jobs QUEUED", "the most your quota allows (2)", "stays PENDING");
        assertThat(store.find(third.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.PENDING);
        assertThat(ledger.usage(ALICE).queuedJobs()).isEqualTo(2);
        assertThat(ledger.queue(created(BOB).id(), twoQueued)).as("Bob's jobs are his own")
                .isInstanceOf(Admission.Queued.class);
    }

    @Test
    void runIsRefusedOnceTheOwnersResultsFillItsStorage() {
        Quota fourKilobytes = new Quota(OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(4096),
                Optional.empty());
        Job done = queued(ALICE, fourKilobytes);
        queue.offer(done.id());
        queue.finish(queue.claim(LEASE, now).orElseThrow(), ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 5000))));
        assertThat(ledger.usage(ALICE).storedBytesLeft()).hasValue(0);

        Admission refused = ledger.queue(created(ALICE).id(), fourKilobytes);

        assertThat(refused).isEqualTo(new Admission.OverQuota(new QuotaExceeded(QuotaExceeded.Kind.STORED_BYTES,
                4096, 5000)));
        store.delete(done.id());
        assertThat(ledger.queue(created(ALICE).id(), fourKilobytes)).isInstanceOf(Admission.Queued.class);
        assertThat(ledger.usage(ALICE).storedBytesLeft()).hasValue(4096);
    }

    @Test
    void aClaimLeavesAJobQueuedWhileItsOwnerIsAtTheExecutingLimitAndOthersJobsGoFirst() throws Exception {
        Quota oneAtATime = new Quota(OptionalInt.of(1), OptionalInt.empty(), OptionalLong.empty(), Optional.empty());
        Job first = queued(ALICE, oneAtATime);
        Job second = queued(ALICE, oneAtATime);
        Job bobs = queued(BOB, Quota.UNLIMITED);
        List.of(first, second, bobs).forEach(job -> queue.offer(job.id()));

        Lease running = queue.claim(LEASE, now).orElseThrow();
        Lease next = queue.claim(LEASE, now).orElseThrow();

        assertThat(running.id()).isEqualTo(first.id());
        assertThat(next.id()).as("Alice's second job waits; Bob's goes first").isEqualTo(bobs.id());
        assertThat(store.find(second.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.QUEUED);
        assertThat(queue.claim(LEASE, now)).isEmpty();

        queue.finish(running, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of()));

        assertThat(claimWithin(Duration.ofSeconds(20)).id()).as("once her first job ended").isEqualTo(second.id());
        assertThat(ledger.usage(ALICE).executingJobs()).isOne();
    }

    @Test
    void fortyRunsRacingAgainstAQueuedLimitOfFiveQueueExactlyFive() throws Exception {
        Quota fiveQueued = new Quota(OptionalInt.empty(), OptionalInt.of(5), OptionalLong.empty(), Optional.empty());
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(created(ALICE));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Admission> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(40)) {
            List<Future<Admission>> runs = new ArrayList<>();
            for (Job job : jobs) {
                runs.add(threads.submit(() -> {
                    go.await(20, SECONDS);
                    return ledger.queue(job.id(), fiveQueued);
                }));
            }
            go.countDown();
            for (Future<Admission> run : runs) {
                outcomes.add(run.get(60, SECONDS));
            }
        }

        assertThat(outcomes).filteredOn(Admission.Queued.class::isInstance).hasSize(5);
        assertThat(outcomes).filteredOn(Admission.OverQuota.class::isInstance).hasSize(35);
        assertThat(ledger.usage(ALICE).queuedJobs()).isEqualTo(5);
        assertThat(jobs.stream().filter(job -> store.find(job.id()).orElseThrow().phase() == ExecutionPhase.QUEUED))
                .hasSize(5);
    }

    @Test
    void aJobRedisExpiredBehindTheLedgersBackIsFoundAndItsCountsTakenBack() {
        Job kept = queued(ALICE, Quota.UNLIMITED);
        Job expired = queued(ALICE, Quota.UNLIMITED);
        // what a job hash reaching its expiry does: no script runs
        redis.template().delete(List.of(keys.job(expired.id()), keys.ref(expired.id())));
        assertThat(ledger.usage(ALICE).queuedJobs()).isEqualTo(2);

        assertThat(ledger.correctDrift()).isOne();

        assertThat(ledger.usage(ALICE).queuedJobs()).isOne();
        assertThat(ledger.correctDrift()).as("nothing left to correct").isZero();
        abort(kept.id());
        assertThat(ledger.usage(ALICE)).isEqualTo(QuotaUsage.NONE);
    }

    @Test
    void aRestoredJobIsCountedForWhatItHolds() {
        Job waiting = queued(ALICE, Quota.UNLIMITED);
        Job done = queued(ALICE, Quota.UNLIMITED);
        queue.offer(done.id());
        queue.finish(queue.claim(LEASE, now).orElseThrow(), ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 300))));
        List<Job> jobs = List.of(store.find(waiting.id()).orElseThrow(), store.find(done.id()).orElseThrow());
        QuotaUsage before = ledger.usage(ALICE);

        redis.clean(keys);
        jobs.forEach(store::restore);
        jobs.forEach(store::restore);

        assertThat(ledger.usage(ALICE)).isEqualTo(before).isEqualTo(new QuotaUsage(1, 0, 300, OptionalLong.empty()));
    }

    @Test
    void theCountsLiveAsLongAsTheLongestLivedJobTheyCountAlsoWhenItsDestructionIsPutOff() {
        Job done = queued(ALICE, Quota.UNLIMITED);
        queue.offer(done.id());
        queue.finish(queue.claim(LEASE, now).orElseThrow(), ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 300))));

        store.update(done.id(), JobChange.none().withDestruction(now.plus(Duration.ofDays(20))));

        long jobExpiry = expireTime(keys.job(done.id()));
        assertThat(jobExpiry).isGreaterThan(now.plus(Duration.ofDays(20)).toEpochMilli());
        assertThat(expireTime(keys.usage(ALICE))).isEqualTo(jobExpiry);
        assertThat(redis.keys(keys)).filteredOn(key -> key.endsWith(":holdings")).singleElement()
                .satisfies(holdings -> assertThat(expireTime(holdings)).isEqualTo(jobExpiry));
    }

    @Test
    void theTotalsCountEveryOwnersJobsByUnfinishedPhaseAndTheBytesTheirResultsKeep() {
        assertThat(ledger.totals()).isEqualTo(JobTotals.NONE);
        created(ALICE);
        created(ANONYMOUS);
        queued(BOB, Quota.UNLIMITED);
        Job running = queued(ALICE, Quota.UNLIMITED);
        Job done = queued(ANONYMOUS, Quota.UNLIMITED);
        queue.offer(running.id());
        queue.offer(done.id());
        queue.claim(LEASE, now).orElseThrow();
        queue.finish(queue.claim(LEASE, now).orElseThrow(), ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 700))));

        assertThat(ledger.totals()).isEqualTo(new JobTotals(2, 1, 1, 700));
        assertThat(new RedisQuotaLedger(redis.factory(), keys, Optional.empty(), JobLogWriter.NONE, true).totals())
                .as("read bucket by bucket, as on a cluster").isEqualTo(new JobTotals(2, 1, 1, 700));

        abort(running.id());
        store.delete(done.id());
        assertThat(ledger.totals()).isEqualTo(new JobTotals(2, 1, 0, 0));
    }

    @Test
    void totalsLeftBehindTheOwnersCountsArePutRightByTheDriftCheck() {
        Job first = queued(ALICE, Quota.UNLIMITED);
        queued(BOB, Quota.UNLIMITED);
        // as a bucket counted before it kept totals: the owners' counts without the sum
        redis.template().opsForHash().delete(keys.usage(ALICE), "#q");
        redis.template().opsForHash().delete(keys.usage(BOB), "#q");
        assertThat(ledger.totals().queued()).isZero();

        ledger.correctDrift();

        assertThat(ledger.totals()).isEqualTo(new JobTotals(0, 2, 0, 0));
        abort(first.id());
        assertThat(ledger.totals()).isEqualTo(new JobTotals(0, 1, 0, 0));
    }

    @Test
    void syncRequestsBeyondTheRateWaitForTheirToken() {
        RequestRate threePerMinute = new RequestRate(3, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(ledger.takeSyncRequest(ALICE, threePerMinute)).as("request %d", i + 1).isEmpty();
        }
        Optional<Duration> wait = ledger.takeSyncRequest(ALICE, threePerMinute);

        assertThat(wait).hasValueSatisfying(time -> assertThat(time).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(20)));
        assertThat(ledger.takeSyncRequest(BOB, threePerMinute)).as("Bob has a bucket of his own").isEmpty();
        assertThat(ledger.takeSyncRequest(ANONYMOUS, threePerMinute)).isEmpty();
    }

    private static long expireTime(String key) {
        return redis.template().execute(RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class),
                List.of(key));
    }

    private Job created(Optional<String> owner) {
        Job job = Job.pending(JobId.random(random, owner), owner, Optional.empty(),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), now,
                Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
        store.create(job);
        return job;
    }

    private Job queued(Optional<String> owner, Quota quota) {
        Admission admission = ledger.queue(created(owner).id(), quota);
        assertThat(admission).isInstanceOf(Admission.Queued.class);
        return ((Admission.Queued) admission).job();
    }

    private void abort(JobId id) {
        assertThat(store.transition(id, PhaseTransitions.sources(ExecutionPhase.ABORTED), ExecutionPhase.ABORTED,
                JobChange.aborted(now))).isInstanceOf(TransitionResult.Applied.class);
        queue.remove(id);
    }

    /** Claims until something is claimable: a job put off by its owner's quota comes back after a moment. */
    private Lease claimWithin(Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            Optional<Lease> lease = queue.claim(LEASE, now);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing became claimable within " + patience);
    }
}
