package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.script.RedisScript;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobEvents;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;
import org.tapservice.state.archive.ArchiveDatabase;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * A job's log on the local Redis: each phase change writes its line in its own step, signed by
 * the instance that made it; other lines are appended while the job exists; the log is
 * bounded, lives and dies with the job, is archived with it and comes back with it after a
 * rebuild.
 */
class RedisJobLogTest {

    private static final Duration MARGIN = Duration.ofHours(1);
    private static final Duration SHORT_LEASE = Duration.ofMillis(300);
    private static final RedisScript<Long> EXPIRE_TIME =
            RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();
    @RegisterExtension
    static final ArchiveDatabase tables = new ArchiveDatabase();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private PostgresJobStore archive;
    private JobJournal journal;
    private RedisJobStore storeA;
    private RedisJobQueue queueA;
    private RedisJobQueue queueB;
    private RedisJobLog logA;
    private Instant now;

    @BeforeEach
    void twoInstances() {
        keys = redis.keys();
        archive = tables.store();
        journal = new JobJournal(keys, 100_000);
        JobLogWriter a = new JobLogWriter("host-a-101", 20);
        JobLogWriter b = new JobLogWriter("host-b-202", 20);
        storeA = new RedisJobStore(redis.factory(), keys, MARGIN, journal, CreationDurability.archive(archive), a);
        queueA = new RedisJobQueue(redis.factory(), keys, journal, a);
        queueB = new RedisJobQueue(redis.factory(), keys, journal, b);
        logA = new RedisJobLog(redis.factory(), keys, a);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void everyPhaseChangeWritesItsLineSignedByTheInstanceThatMadeIt() {
        Job job = created();
        storeA.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        queueA.offer(job.id());
        Lease lease = queueB.claim(Duration.ofMinutes(1), now).orElseThrow();
        queueB.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of(Result.main("text/csv", 3))));

        List<JobLogEntry> log = logA.read(job.id());

        assertThat(log).extracting(JobLogEntry::instance, JobLogEntry::event).containsExactly(
                tuple("host-a-101", "created"),
                tuple("host-a-101", "queued"),
                tuple("host-b-202", "claimed (attempt 1)"),
                tuple("host-b-202", "finished COMPLETED"));
        assertThat(log).extracting(JobLogEntry::time).isSorted()
                .allSatisfy(time -> assertThat(time).isBetween(now.minusSeconds(60), Instant.now().plusSeconds(60)));
    }

    @Test
    void aJobWhoseLeaseLapsedIsTakenOverAsItsSecondAttemptAndAnAbortSaysWhy() throws InterruptedException {
        Job job = queued();
        queueA.claim(SHORT_LEASE, now).orElseThrow();
        Thread.sleep(SHORT_LEASE.multipliedBy(3));

        Optional<Lease> taken = Optional.empty();
        for (int i = 0; i < 50 && taken.isEmpty(); i++) {
            taken = queueB.claim(Duration.ofMinutes(1), now);
            Thread.sleep(100);
        }
        assertThat(taken).isPresent();
        storeA.transition(job.id(), Set.of(ExecutionPhase.EXECUTING), ExecutionPhase.ABORTED,
                JobChange.aborted(now).withError(ErrorSummary.fatal("ran too long\nfor its duration")));

        assertThat(logA.read(job.id())).extracting(JobLogEntry::event).containsExactly("created", "queued",
                "claimed (attempt 1)", "took over the job, which no instance held any longer (attempt 2)",
                "aborted: ran too long for its duration");
    }

    @Test
    void aRunUnderAQuotaIsLoggedInTheStepThatQueuesAndCountsIt() {
        Job job = created();
        RedisQuotaLedger ledger = new RedisQuotaLedger(redis.factory(), keys, journal,
                new JobLogWriter("host-b-202", 20));

        assertThat(ledger.queue(job.id(), Quota.UNLIMITED)).isInstanceOf(Admission.Queued.class);

        assertThat(logA.read(job.id())).extracting(JobLogEntry::instance, JobLogEntry::event).containsExactly(
                tuple("host-a-101", "created"),
                tuple("host-b-202", "queued"));
        assertThat(ledger.usage(Optional.of("alice")).queuedJobs()).isOne();
    }

    @Test
    void aJobGivenUpAfterItsAttemptsSaysSoAndAnAttemptHandedBackIsNotCounted() throws InterruptedException {
        RedisJobQueue once = new RedisJobQueue(redis.factory(), keys, journal, new InMemoryJobEvents(), 1,
                new JobLogWriter("host-b-202", 20));
        Job handedBack = queued();
        queueA.release(once.claim(SHORT_LEASE, now).orElseThrow());
        Lease again = once.claim(Duration.ofMinutes(1), now).orElseThrow();
        assertThat(again.id()).isEqualTo(handedBack.id());
        once.finish(again, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of()));

        Job dying = queued();
        once.claim(SHORT_LEASE, now).orElseThrow();
        Thread.sleep(SHORT_LEASE.multipliedBy(2));
        for (int i = 0; i < 50 && store(dying).phase() != ExecutionPhase.ERROR; i++) {
            assertThat(once.claim(Duration.ofMinutes(1), now)).isEmpty();
            Thread.sleep(100);
        }

        assertThat(logA.read(handedBack.id())).extracting(JobLogEntry::event).containsExactly("created", "queued",
                "claimed (attempt 1)", "took over the job, which no instance held any longer (attempt 1)",
                "finished COMPLETED");
        assertThat(logA.read(dying.id())).extracting(JobLogEntry::event).containsExactly("created", "queued",
                "claimed (attempt 1)", "finished ERROR: " + store(dying).error().orElseThrow().message());
    }

    @Test
    void linesAreAppendedWhileTheJobExistsAndTheLogGoesWithIt() {
        Job job = created();
        logA.append(job.id(), "rows written: 12");
        assertThat(logA.read(job.id())).extracting(JobLogEntry::event).containsExactly("created", "rows written: 12");
        assertThat(redis.template().execute(EXPIRE_TIME, List.of(keys.log(job.id()))))
                .as("the log expires with the job")
                .isEqualTo(redis.template().execute(EXPIRE_TIME, List.of(keys.job(job.id()))));

        storeA.delete(job.id());
        logA.append(job.id(), "too late");

        assertThat(redis.template().hasKey(keys.log(job.id()))).isFalse();
        assertThat(logA.read(job.id())).isEmpty();
    }

    @Test
    void aLaterDestructionKeepsTheLogAsLongAsTheJob() {
        Job job = created();

        storeA.update(job.id(), JobChange.none().withDestruction(now.plus(Duration.ofDays(20))));

        assertThat(redis.template().execute(EXPIRE_TIME, List.of(keys.log(job.id()))))
                .isEqualTo(redis.template().execute(EXPIRE_TIME, List.of(keys.job(job.id()))))
                .isEqualTo(now.plus(Duration.ofDays(20)).plus(MARGIN).toEpochMilli());
    }

    @Test
    void theLogKeepsItsNewestLinesUpToItsBound() {
        Job job = created();
        for (int i = 1; i <= 30; i++) {
            logA.append(job.id(), "line " + i);
        }

        List<String> events = logA.read(job.id()).stream().map(JobLogEntry::event).toList();

        assertThat(events).hasSize(20).startsWith("line 11").endsWith("line 30");
    }

    @Test
    void aStoreWithoutAWriterWritesNoLog() {
        RedisJobStore silent = new RedisJobStore(redis.factory(), keys, MARGIN);
        Job job = newJob();
        silent.create(job);
        silent.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());

        assertThat(redis.template().hasKey(keys.log(job.id()))).isFalse();
    }

    @Test
    void theLogIsArchivedWithTheJobAndComesBackBeforeTheLineOfItsRestoration() {
        Job job = queued();
        logA.append(job.id(), "an operator's note");
        JournalArchiver archiver = new JournalArchiver(redis.factory(), keys, archive, "test", 100,
                Duration.ofMinutes(1));
        while (archiver.drain() > 0) {
            // until the journal is empty
        }
        List<JobLogEntry> before = logA.read(job.id());
        assertThat(archive.logs(List.of(job.id()))).containsEntry(job.id(), before);

        redis.clean(keys);
        ConcurrentLinkedQueue<JobId> resumed = new ConcurrentLinkedQueue<>();
        new StateRecovery(redis.factory(), keys, storeA, archive, resumed::add, Duration.ofMinutes(1), logA)
                .recoverIfLost();

        List<JobLogEntry> after = logA.read(job.id());
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size())).extracting(JobLogEntry::event)
                .containsExactly("restored from the archive");
        assertThat(resumed).containsExactly(job.id());
    }

    private Job store(Job job) {
        return storeA.find(job.id()).orElseThrow();
    }

    private Job newJob() {
        // in its owner's bucket, as the service issues ids: the owner's counters share its slot
        return Job.pending(JobId.random(random, Optional.of("alice")), Optional.of("alice"), Optional.empty(),
                new ArrayList<>(List.of(Parameter.of("QUERY", "SELECT 1"))), now, Duration.ofSeconds(600),
                now.plus(Duration.ofDays(1)));
    }

    private Job created() {
        Job job = newJob();
        storeA.create(job);
        return job;
    }

    private Job queued() {
        Job job = created();
        storeA.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        queueA.offer(job.id());
        return job;
    }
}
