package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.script.RedisScript;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.quota.QuotaUsage;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.state.archive.ArchiveDatabase;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * A Redis that lost its data is rebuilt from the archive, once, by one instance: every job is
 * found and listed again as it was, and the jobs that were waiting or running go back to the
 * queue.
 */
class StateRecoveryTest {

    private static final Duration LOCK_TIME = Duration.ofMinutes(1);
    private static final Duration MARGIN = Duration.ofHours(1);
    private static final RedisScript<Long> EXPIRE_TIME =
            RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();
    @RegisterExtension
    static final ArchiveDatabase tables = new ArchiveDatabase();

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<JobId> resumed = new ConcurrentLinkedQueue<>();
    private JobKeys keys;
    private PostgresJobStore archive;
    private RedisJobStore store;
    private JournalArchiver archiver;
    private Instant now;

    @BeforeEach
    void newStores() {
        keys = redis.keys();
        archive = tables.store();
        store = new RedisJobStore(redis.factory(), keys, MARGIN, new JobJournal(keys, 100_000),
                CreationDurability.archive(archive));
        archiver = new JournalArchiver(redis.factory(), keys, archive, "test", 100, Duration.ofMinutes(1));
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aNewDeploymentWithAnEmptyArchiveIsMarkedAndNothingElse() {
        assertThat(recovery(resumed::add).recoverIfLost()).isTrue();

        assertThat(redis.keys(keys)).as("the lock is released once Redis is marked").containsExactly(keys.stateMarker());
        assertThat(redis.template().getExpire(keys.stateMarker())).as("marker expiry").isEqualTo(-1);
        assertThat(resumed).isEmpty();
    }

    @Test
    void aRedisThatHoldsTheMarkerIsLeftAlone() {
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        Job job = created(Optional.of("alice"));
        moved(job, ExecutionPhase.PENDING, ExecutionPhase.QUEUED, JobChange.none());
        drainAll();
        redis.template().delete(keys.job(job.id()));

        assertThat(recovery.recoverIfLost()).isFalse();

        assertThat(store.find(job.id())).isEmpty();
        assertThat(resumed).isEmpty();
    }

    @Test
    void aRedisThatLostItsDataGetsEveryArchivedJobBackAsItWas() {
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        List<Job> jobs = jobsInEveryPhase();
        drainAll();
        List<Optional<Job>> found = jobs.stream().map(job -> store.find(job.id())).toList();
        List<JobPage> lists = lists();

        redis.clean(keys);
        assertThat(store.find(jobs.getFirst().id())).isEmpty();
        assertThat(recovery.recoverIfLost()).isTrue();

        assertThat(jobs.stream().map(job -> store.find(job.id())).toList()).isEqualTo(found);
        assertThat(lists()).isEqualTo(lists);
        assertThat(resumed).containsExactlyInAnyOrderElementsOf(jobs.stream()
                .filter(job -> EnumSet.of(ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING)
                        .contains(store.find(job.id()).orElseThrow().phase())).map(Job::id).toList())
                .hasSize(2);
        assertThat(recovery.recoverIfLost()).as("a second call").isFalse();
        assertThat(resumed).hasSize(2);
    }

    @Test
    void whileRedisIsRebuiltAnArchivedJobNotRestoredYetIsUnavailableAndOnlyAJobTheArchiveLacksIsMissing() {
        RedisJobStore restoring = restoringStore();
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        Job job = created(Optional.of("alice"));
        drainAll();
        JobId neverCreated = JobId.random(random, Optional.of("alice"));

        redis.clean(keys);

        assertUnavailable(restoring, job.id());
        assertThat(restoring.find(neverCreated)).as("a job the archive lacks too").isEmpty();

        assertThat(recovery.recoverIfLost()).isTrue();
        assertThat(restoring.find(job.id())).hasValueSatisfying(found -> assertThat(found.phase())
                .isEqualTo(ExecutionPhase.PENDING));

        // with the marker back, a job Redis lacks is missing, though the archive has yet to forget it
        assertThat(restoring.delete(job.id())).isTrue();
        assertThat(archive.find(job.id())).isPresent();
        assertThat(restoring.find(job.id())).isEmpty();
    }

    @Test
    void aRedisBackOnOtherServersWithAnOlderCopyGetsTheJobsItLacksBackFromTheArchive() {
        RedisJobStore restoring = restoringStore();
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        String markedOn = redis.template().opsForValue().get(keys.stateMarker());
        Job inTheCopy = created(Optional.of("alice"));
        Job queuedSince = moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none());
        drainAll();
        // what a server restarted from a snapshot taken before the second job holds: the first
        // job, and a marker set by the server it was then
        redis.template().delete(keys.job(queuedSince.id()));
        redis.template().opsForValue().set(keys.stateMarker(), "a-server-of-before");

        assertUnavailable(restoring, queuedSince.id());
        assertThat(recovery.recoverIfLost()).isTrue();

        assertThat(store.find(queuedSince.id())).contains(queuedSince);
        assertThat(store.find(inTheCopy.id())).contains(inTheCopy);
        assertThat(resumed).containsExactly(queuedSince.id());
        assertThat(redis.template().opsForValue().get(keys.stateMarker())).as("the marker names the servers of now")
                .isEqualTo(markedOn);
        assertThat(recovery.recoverIfLost()).as("a second call").isFalse();
    }

    @Test
    void anOlderCopyOfAJobIsWrittenOverWithTheArchivedOneAndACopyAsFarAlongIsKept() {
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        Job runSince = created(Optional.of("alice"));
        Job finishedSince = moved(moved(created(Optional.of("carol")), ExecutionPhase.PENDING,
                ExecutionPhase.QUEUED, JobChange.none()), ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING,
                JobChange.started(now));
        Job queuedNotArchived = created(Optional.of("alice"));
        drainAll();
        Map<String, byte[]> snapshot = dump(runSince, finishedSince);
        Job queued = moved(runSince, ExecutionPhase.PENDING, ExecutionPhase.QUEUED, JobChange.none());
        Job completed = moved(finishedSince, ExecutionPhase.EXECUTING, ExecutionPhase.COMPLETED,
                JobChange.completed(now.plusSeconds(1), List.of(Result.main("text/csv", 10))));
        drainAll();
        Job queuedInRedis = moved(queuedNotArchived, ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none());
        // a Redis back from a snapshot taken before the RUN and the end of the two jobs
        snapshot.forEach((key, value) -> redis.template().restore(key, value, 0, SECONDS, true));
        redis.template().opsForValue().set(keys.stateMarker(), "a-server-of-before");
        assertThat(store.find(runSince.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.PENDING);

        assertThat(recovery.recoverIfLost()).isTrue();

        assertThat(store.find(runSince.id())).as("queued since the snapshot").contains(queued);
        assertThat(store.find(finishedSince.id())).as("finished since the snapshot").contains(completed);
        assertThat(store.find(queuedNotArchived.id())).as("further along in Redis than in the archive")
                .contains(queuedInRedis);
        assertThat(resumed).containsExactly(runSince.id());
    }

    /** A store that tells a job not restored yet from a missing one by the archive it is rebuilt from. */
    private RedisJobStore restoringStore() {
        return new RedisJobStore(redis.factory(), keys, MARGIN, new JobJournal(keys, 100_000),
                CreationDurability.archive(archive), JobLogWriter.NONE, archive);
    }

    /** The store answers "come back later" (503) for the job, not that it is missing. */
    private static void assertUnavailable(RedisJobStore store, JobId id) {
        assertThatThrownBy(() -> store.find(id)).isInstanceOfSatisfying(TapException.class,
                        unavailable -> assertThat(unavailable.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessageContaining("job " + id + " is being restored from the job archive");
    }

    /** The job keys of these jobs as DUMP serializes them, to be put back as a snapshot would. */
    private Map<String, byte[]> dump(Job... jobs) {
        Map<String, byte[]> dumped = new HashMap<>();
        for (Job job : jobs) {
            for (String key : List.of(keys.job(job.id()), keys.ref(job.id()), keys.log(job.id()))) {
                byte[] value = redis.template().dump(key);
                if (value != null) {
                    dumped.put(key, value);
                }
            }
        }
        return dumped;
    }

    @Test
    void restoredJobsExpireAtTheirDestructionTimeAndGoOnBeingJournaled() {
        StateRecovery recovery = recovery(resumed::add);
        Job job = created(Optional.of("alice"));
        drainAll();
        redis.clean(keys);

        recovery.recoverIfLost();

        for (String key : List.of(keys.job(job.id()), keys.ownerIndex(job.owner()), keys.allIndex())) {
            assertThat(redis.template().execute(EXPIRE_TIME, List.of(key))).as(key)
                    .isEqualTo(job.destruction().plus(MARGIN).toEpochMilli());
        }
        Job queued = moved(job, ExecutionPhase.PENDING, ExecutionPhase.QUEUED, JobChange.none());
        drainAll();
        assertThat(archive.find(job.id())).contains(queued);
    }

    @Test
    void jobsRedisHoldsWhenTheRebuildStartsAreNotOverwritten() {
        StateRecovery recovery = recovery(resumed::add);
        Job earlier = created(Optional.of("alice"));
        drainAll();
        redis.clean(keys);
        // restored by an attempt that died before marking Redis, and run since
        assertThat(store.restore(earlier)).isTrue();
        Job queued = moved(earlier, ExecutionPhase.PENDING, ExecutionPhase.QUEUED, JobChange.none());
        Job newer = created(Optional.of("alice"));

        assertThat(recovery.recoverIfLost()).isTrue();

        assertThat(store.find(earlier.id())).contains(queued);
        assertThat(store.find(newer.id())).contains(newer);
        assertThat(store.restore(newer)).isFalse();
    }

    @Test
    void twoInstancesFindingRedisEmptyAtOnceRebuildItOnce() throws Exception {
        recovery(resumed::add).recoverIfLost();
        List<Job> jobs = jobsInEveryPhase();
        drainAll();
        redis.clean(keys);
        List<StateRecovery> instances = List.of(recovery(resumed::add), recovery(resumed::add));
        CountDownLatch start = new CountDownLatch(1);
        List<Boolean> rebuilt = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (StateRecovery instance : instances) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return instance.recoverIfLost();
                }));
            }
            start.countDown();
            for (Future<Boolean> outcome : outcomes) {
                rebuilt.add(outcome.get(60, SECONDS));
            }
        }

        assertThat(rebuilt).containsExactlyInAnyOrder(true, false);
        assertThat(resumed).hasSize(2).doesNotHaveDuplicates();
        for (Job job : jobs) {
            assertThat(store.find(job.id())).isPresent();
        }
    }

    @Test
    void aRebuildThatFailedHalfWayIsTakenUpAgainOnceItsLockLapses() throws Exception {
        recovery(resumed::add).recoverIfLost();
        List<Job> jobs = jobsInEveryPhase();
        drainAll();
        redis.clean(keys);
        Duration shortLock = Duration.ofMillis(50);
        StateRecovery failing = new StateRecovery(redis.factory(), keys, store, archive, id -> {
            throw new IllegalStateException("the queue is down");
        }, shortLock);

        assertThatThrownBy(failing::recoverIfLost).hasMessageContaining("the queue is down");
        assertThat(redis.template().hasKey(keys.stateMarker())).isFalse();
        while (redis.template().hasKey(keys.recoveryLock())) {
            Thread.sleep(10);
        }

        assertThat(new StateRecovery(redis.factory(), keys, store, archive, resumed::add, shortLock)
                .recoverIfLost()).isTrue();
        assertThat(resumed).hasSize(2);
        for (Job job : jobs) {
            assertThat(store.find(job.id())).isPresent();
        }
    }

    @Test
    void aRebuildOutlastingItsLockTimeKeepsTheLockToItselfAndReleasesItWhenDone() {
        recovery(resumed::add).recoverIfLost();
        jobsInEveryPhase();
        drainAll();
        redis.clean(keys);
        Duration shortLock = Duration.ofMillis(60);
        List<Boolean> othersRebuilt = new ArrayList<>();
        StateRecovery slow = new StateRecovery(redis.factory(), keys, store, archive, id -> {
            // a rebuild far longer than its lock time, while another instance keeps trying
            for (int attempt = 0; attempt < 5; attempt++) {
                sleep(Duration.ofMillis(100));
                othersRebuilt.add(new StateRecovery(redis.factory(), keys, store, archive, resumed::add, shortLock)
                        .recoverIfLost());
            }
        }, shortLock);

        assertThat(slow.recoverIfLost()).isTrue();
        assertThat(othersRebuilt).hasSize(10).containsOnly(false);
        assertThat(resumed).isEmpty();
        assertThat(redis.template().hasKey(keys.recoveryLock())).isFalse();
        assertThat(redis.template().hasKey(keys.stateMarker())).isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theQuotaCountsComeBackWithTheJobsAsTheirPhasesSayAndNeverTwice() {
        StateRecovery recovery = recovery(resumed::add);
        recovery.recoverIfLost();
        jobsInEveryPhase();
        drainAll();
        RedisQuotaLedger ledger = new RedisQuotaLedger(redis.factory(), keys);
        List<Optional<String>> owners = List.of(Optional.of("alice"), Optional.of("carol"), Optional.empty());
        List<QuotaUsage> before = owners.stream().map(ledger::usage).toList();

        redis.clean(keys);
        assertThat(owners.stream().map(ledger::usage)).containsOnly(QuotaUsage.NONE);
        assertThat(recovery.recoverIfLost()).isTrue();
        // a second rebuild (its lock lapsed) writes nothing twice
        redis.template().delete(List.of(keys.stateMarker(), keys.recoveryLock()));
        assertThat(recovery.recoverIfLost()).isTrue();

        assertThat(owners.stream().map(ledger::usage).toList()).isEqualTo(before).containsExactly(
                new QuotaUsage(1, 1, 0, OptionalLong.empty()), new QuotaUsage(0, 0, 4108, OptionalLong.empty()),
                QuotaUsage.NONE);
    }

    /** The lists a client sees: all, each owner's, the anonymous ones, the archived ones, and a LAST. */
    private List<JobPage> lists() {
        return List.of(store.list(JobFilter.all()), store.list(JobFilter.all().withOwner(OwnerFilter.owner("alice"))),
                store.list(JobFilter.all().withOwner(OwnerFilter.owner("carol"))),
                store.list(JobFilter.all().withOwner(OwnerFilter.anonymous())),
                store.list(JobFilter.all().withPhases(Set.of(ExecutionPhase.ARCHIVED))),
                store.list(JobFilter.all().withLast(3)));
    }

    /** One job in every phase a job reaches through the store, with what each phase gives it. */
    private List<Job> jobsInEveryPhase() {
        List<Job> jobs = new ArrayList<>();
        jobs.add(created(Optional.empty()));
        Job queued = moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none().withQuote(now.plusSeconds(60)));
        jobs.add(queued);
        jobs.add(moved(moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none()), ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING, JobChange.started(now)));
        Job completed = moved(moved(moved(created(Optional.of("carol")), ExecutionPhase.PENDING,
                ExecutionPhase.QUEUED, JobChange.none()), ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING,
                JobChange.started(now)), ExecutionPhase.EXECUTING, ExecutionPhase.COMPLETED,
                JobChange.completed(now.plusSeconds(2), List.of(Result.main("application/x-votable+xml", 4096),
                        new Result("log", "text/plain", 12))));
        jobs.add(moved(completed, ExecutionPhase.COMPLETED, ExecutionPhase.ARCHIVED, JobChange.none()));
        jobs.add(moved(created(Optional.of("carol")), ExecutionPhase.PENDING, ExecutionPhase.ERROR,
                JobChange.failed(now.plusSeconds(1), ErrorSummary.fatal("no such table"))));
        jobs.add(moved(created(Optional.empty()), ExecutionPhase.PENDING, ExecutionPhase.ABORTED,
                JobChange.aborted(now.plusSeconds(1))));
        jobs.add(moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.HELD, JobChange.none()));
        return jobs;
    }

    private StateRecovery recovery(Consumer<JobId> resume) {
        return new StateRecovery(redis.factory(), keys, store, archive, resume, LOCK_TIME);
    }

    private Job created(Optional<String> owner) {
        Job job = Job.pending(JobId.random(random, owner), owner, Optional.of("run"),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1"),
                        new Parameter("UPLOAD", "t,http://example.org/t.xml", true)),
                now.plusMillis(random.nextInt(1000)), Duration.ofSeconds(600), now.plus(Duration.ofDays(1)));
        store.create(job);
        return job;
    }

    private Job moved(Job job, ExecutionPhase from, ExecutionPhase to, JobChange change) {
        TransitionResult result = store.transition(job.id(), Set.of(from), to, change);
        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        return ((TransitionResult.Applied) result).job();
    }

    private void drainAll() {
        while (archiver.drain() > 0) {
            // until the journal is empty
        }
    }
}
