package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.state.archive.ArchiveDatabase;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * The archiver copies the journal into the PostgreSQL archive so that the archive holds every
 * job as Redis does, whatever drains it, how often, and how many instances at once.
 */
class JournalArchiverTest {

    private static final int BATCH = 50;

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();
    @RegisterExtension
    static final ArchiveDatabase tables = new ArchiveDatabase();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private PostgresJobStore archive;
    private JobJournal journal;
    private RedisJobStore store;
    private Instant now;

    @BeforeEach
    void newStores() {
        keys = redis.keys();
        archive = tables.store();
        journal = new JobJournal(keys, 100_000);
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1), journal, CreationDurability.none());
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aDrainedJournalLeavesTheArchiveHoldingEveryJobAsRedisDoes() {
        List<Job> jobs = jobsInEveryStage();
        Job deleted = created(Optional.of("alice"));
        store.delete(deleted.id());

        int drained = drainAll(archiver("a"));

        assertThat(drained).isGreaterThanOrEqualTo(jobs.size() + 1);
        assertArchiveEqualsRedis(jobs);
        assertThat(archive.find(deleted.id())).isEmpty();
        assertThat(redis.template().opsForStream().size(keys.journal())).isZero();
        assertThat(redis.template().opsForStream().pending(keys.journal(), "archiver").getTotalPendingMessages())
                .isZero();
    }

    @Test
    void aJobDeletedAfterBeingArchivedIsRemovedFromTheArchive() {
        Job job = created(Optional.of("alice"));
        JournalArchiver archiver = archiver("a");
        drainAll(archiver);
        assertThat(archive.find(job.id())).contains(job);

        store.delete(job.id());
        drainAll(archiver);

        assertThat(archive.find(job.id())).isEmpty();
    }

    @Test
    void drainingChangesThatWereArchivedAlreadyChangesNothing() {
        List<Job> jobs = jobsInEveryStage();
        Job deleted = created(Optional.empty());
        store.delete(deleted.id());
        JournalArchiver archiver = archiver("a");
        drainAll(archiver);
        List<Job> before = archived();

        SharedConnection connection = new SharedConnection(redis.factory());
        connection.run(commands -> {
            for (Job job : jobs) {
                connection.await(journal.changed(commands, job.id()));
            }
            return connection.await(journal.deleted(commands, deleted.id()));
        });
        drainAll(archiver);
        drainAll(archiver);

        assertThat(archived()).isEqualTo(before);
        assertArchiveEqualsRedis(jobs);
    }

    @Test
    void aChangedJobWhoseHashIsGoneIsSkippedAndItsEntryDropped() {
        Job job = created(Optional.of("alice"));
        JournalArchiver archiver = archiver("a");
        drainAll(archiver);
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        // as if it had expired: the reaper finds it in the archive, as last archived
        redis.template().delete(keys.job(job.id()));

        assertThat(archiver.drain()).isEqualTo(1);

        assertThat(archive.find(job.id())).contains(job);
        assertThat(redis.template().opsForStream().size(keys.journal())).isZero();
    }

    @Test
    void entriesAnArchiverReadButNeverWroteAreTakenOverByAnother() {
        List<Job> jobs = jobsInEveryStage();
        try (TestDatabase broken = TestDatabase.createEmpty()) {
            // a database without the archive's tables: the drain fails after reading its entries
            JournalArchiver failing = new JournalArchiver(redis.factory(), keys, new PostgresJobStore(
                    broken.dataSource()), "failing", 1_000, Duration.ofMinutes(10));
            assertThatThrownBy(failing::drain).hasMessageContaining("tap_uws");
        }
        assertThat(redis.template().opsForStream().pending(keys.journal(), "archiver").getTotalPendingMessages())
                .isPositive();
        JournalArchiver patient = new JournalArchiver(redis.factory(), keys, archive, "patient", BATCH,
                Duration.ofMinutes(10));
        assertThat(patient.drain()).as("entries another consumer holds, not yet idle long enough").isZero();

        JournalArchiver taking = new JournalArchiver(redis.factory(), keys, archive, "taking", BATCH, Duration.ZERO);
        drainAll(taking);

        assertArchiveEqualsRedis(jobs);
        assertThat(redis.template().opsForStream().pending(keys.journal(), "archiver").getTotalPendingMessages())
                .isZero();
    }

    @Test
    void entriesWhoseDrainFailedWhileTheArchiveWasDownAreArchivedByTheNextDrainOnceItIsBack() {
        List<Job> jobs = jobsInEveryStage();
        HikariConfig unreachable = new HikariConfig();
        // a port nothing listens on: the archive database is down
        unreachable.setJdbcUrl("jdbc:postgresql://127.0.0.1:9/tap");
        unreachable.setConnectionTimeout(250);
        unreachable.setInitializationFailTimeout(-1);
        try (HikariDataSource down = new HikariDataSource(unreachable)) {
            JournalArchiver duringOutage = new JournalArchiver(redis.factory(), keys, new PostgresJobStore(down),
                    "instance-1", BATCH, Duration.ofHours(1));
            assertThatThrownBy(duringOutage::drain).isInstanceOf(TapException.class)
                    .hasMessageContaining("cannot be reached");
        }
        assertThat(redis.template().opsForStream().size(keys.journal())).as("journal kept").isPositive();

        // the same instance's next drain, the archive back: no waiting for the entries to be idle
        drainAll(new JournalArchiver(redis.factory(), keys, archive, "instance-1", BATCH, Duration.ofHours(1)));

        assertArchiveEqualsRedis(jobs);
        assertThat(redis.template().opsForStream().pending(keys.journal(), "archiver").getTotalPendingMessages())
                .isZero();
    }

    @Test
    void theGroupIsMadeAgainWhenRedisLosesTheJournal() {
        Job lost = created(Optional.of("alice"));
        JournalArchiver archiver = archiver("a");
        drainAll(archiver);

        redis.clean(keys);
        assertThat(archiver.drain()).isZero();
        List<Job> jobs = jobsInEveryStage();
        drainAll(archiver);

        assertArchivedAsInRedis(jobs);
        assertThat(archive.find(lost.id())).as("the job Redis lost, kept for rebuilding it").contains(lost);
    }

    @Test
    void twoArchiversDrainingWhileJobsChangeLeaveTheArchiveAsRedisIs() throws Exception {
        int workers = 6;
        int jobsEach = 25;
        List<JournalArchiver> archivers = List.of(archiver("first"), archiver("second"));
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Job> jobs = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> draining = new ArrayList<>();
            for (JournalArchiver archiver : archivers) {
                // both start on a namespace without a group: both create it
                draining.add(pool.submit(() -> {
                    start.await();
                    while (!done.get()) {
                        archiver.drain();
                    }
                    return null;
                }));
            }
            List<Future<List<Job>>> working = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                working.add(pool.submit(() -> {
                    start.await();
                    return lives(worker, jobsEach);
                }));
            }
            start.countDown();
            for (Future<List<Job>> work : working) {
                jobs.addAll(work.get(60, SECONDS));
            }
            done.set(true);
            for (Future<?> drain : draining) {
                drain.get(60, SECONDS);
            }
        }
        drainAll(archivers.getFirst());

        assertThat(jobs).hasSize(workers * jobsEach);
        assertArchiveEqualsRedis(jobs.stream().filter(job -> store.find(job.id()).isPresent()).toList());
        for (Job job : jobs) {
            assertThat(archive.find(job.id())).as("job %s", job.id()).isEqualTo(store.find(job.id()));
        }
    }

    /** Jobs run through their lives; every fifth deleted at the end. */
    private List<Job> lives(int worker, int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Job job = created(Optional.of("worker" + worker));
            store.update(job.id(), JobChange.none().withParameters(List.of(Parameter.of("MAXREC", "" + i))));
            store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
            store.transition(job.id(), Set.of(ExecutionPhase.QUEUED), ExecutionPhase.EXECUTING,
                    JobChange.started(now));
            store.transition(job.id(), Set.of(ExecutionPhase.EXECUTING), ExecutionPhase.COMPLETED,
                    JobChange.completed(now.plusMillis(i), List.of(Result.main("text/csv", i))));
            if (i % 5 == 0) {
                store.delete(job.id());
            }
            jobs.add(job);
        }
        return jobs;
    }

    /** One job in each stage a job goes through, with what each stage gives it. */
    private List<Job> jobsInEveryStage() {
        List<Job> jobs = new ArrayList<>();
        jobs.add(created(Optional.empty()));
        Job updated = created(Optional.of("bob"));
        store.update(updated.id(), JobChange.none().withRunId("renamed")
                .withParameters(List.of(Parameter.of("QUERY", "SELECT 2"), new Parameter("UPLOAD", "t,x", true))));
        jobs.add(updated);
        jobs.add(moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none().withQuote(now.plusSeconds(60))));
        Job executing = moved(created(Optional.of("alice")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none());
        jobs.add(moved(executing, ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING, JobChange.started(now)));
        Job completed = moved(moved(created(Optional.of("carol")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none()), ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING, JobChange.started(now));
        jobs.add(moved(completed, ExecutionPhase.EXECUTING, ExecutionPhase.COMPLETED, JobChange.completed(
                now.plusSeconds(1), List.of(Result.main("application/x-votable+xml", 1234),
                        new Result("log", "text/plain", 5)))));
        Job failed = moved(created(Optional.of("carol")), ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
                JobChange.none());
        jobs.add(moved(failed, ExecutionPhase.QUEUED, ExecutionPhase.ERROR, JobChange.failed(now.plusSeconds(1),
                ErrorSummary.fatal("no such table"))));
        jobs.add(moved(created(Optional.empty()), ExecutionPhase.PENDING, ExecutionPhase.ABORTED,
                JobChange.aborted(now.plusSeconds(2))));
        return jobs;
    }

    private Job created(Optional<String> owner) {
        Job job = Job.pending(JobId.random(random), owner, Optional.of("run"),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), now,
                Duration.ofSeconds(600), now.plus(Duration.ofDays(1)));
        store.create(job);
        return job;
    }

    private Job moved(Job job, ExecutionPhase from, ExecutionPhase to, JobChange change) {
        TransitionResult result = store.transition(job.id(), Set.of(from), to, change);
        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        return ((TransitionResult.Applied) result).job();
    }

    private JournalArchiver archiver(String consumer) {
        return new JournalArchiver(redis.factory(), keys, archive, consumer, BATCH, Duration.ofMinutes(1));
    }

    private static int drainAll(JournalArchiver archiver) {
        int total = 0;
        for (int drained = archiver.drain(); drained > 0; drained = archiver.drain()) {
            total += drained;
        }
        return total;
    }

    /** Every one of these jobs archived as Redis holds it, and no other job archived. */
    private void assertArchiveEqualsRedis(List<Job> jobs) {
        assertArchivedAsInRedis(jobs);
        assertThat(archive.list(JobFilter.all())).isEqualTo(store.list(JobFilter.all()));
    }

    private void assertArchivedAsInRedis(List<Job> jobs) {
        for (Job job : jobs) {
            assertThat(archive.find(job.id())).as("job %s", job.id()).isEqualTo(store.find(job.id()))
                    .isPresent();
        }
    }

    private List<Job> archived() {
        List<Job> jobs = new ArrayList<>();
        archive.forEach(jobs::add);
        return jobs;
    }
}
