package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.START;
import static org.tapservice.core.async.Cluster.parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.uws.ClusterLock;
import org.tapservice.core.uws.DestructionSchedule;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryClusterLock;
import org.tapservice.core.uws.InMemoryJobStore;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobStore;

/**
 * Jobs past their destruction time are destroyed with their results (UWS 2.1.5), by one
 * instance per period: each instance's reaper sweeps on its timer, and the cluster lock lets
 * one of them through. Time here is the cluster's clock, moved by the test.
 */
class JobReaperTest {

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final int BATCH = 100;

    /**
     * The archive's answer to "which jobs are due", read from its copies of the jobs, as the
     * PostgreSQL archive answers it from an index.
     */
    private record ArchiveSchedule(JobStore archive) implements DestructionSchedule {
        @Override
        public List<JobId> destructionDue(Instant now, int limit) {
            return archive.list(JobFilter.all()).jobs().stream()
                    .map(ref -> archive.find(ref.id()).orElseThrow())
                    .filter(job -> !job.destruction().isAfter(now))
                    .sorted(Comparator.comparing(Job::destruction))
                    .limit(limit)
                    .map(Job::id)
                    .toList();
        }
    }

    @TempDir
    Path resultDirectory;

    private Cluster cluster;
    private final InMemoryJobStore archive = new InMemoryJobStore();
    private ClusterLock lock;

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(resultDirectory);
        lock = new InMemoryClusterLock(cluster.clock());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aSweepDestroysTheJobsPastTheirDestructionTimeWithTheirResultsAndTheArchiveForgetsThem()
            throws IOException {
        Job due = archived(createdToLast(Duration.ofHours(1)));
        Job kept = archived(createdToLast(Duration.ofDays(2)));
        cluster.writeResult(due.id(), "due");
        cluster.writeResult(kept.id(), "kept");
        cluster.clock().advance(Duration.ofHours(1));

        assertThat(reaper(BATCH).sweep()).isEqualTo(1);

        assertThat(cluster.store().find(due.id())).isEmpty();
        assertThat(archive.find(due.id())).as("the archive was told to delete").isEmpty();
        assertThat(cluster.resultText(due.id())).isEmpty();
        assertThat(cluster.store().find(kept.id())).isPresent();
        assertThat(archive.find(kept.id())).isPresent();
        assertThat(cluster.resultText(kept.id())).contains("kept");
    }

    @Test
    void onlyTheInstanceHoldingTheLockSweepsInAPeriod() {
        JobReaper first = reaper(BATCH);
        JobReaper second = reaper(BATCH);
        assertThat(first.sweep()).as("nothing due yet, but the lock is taken").isZero();
        Job due = archived(createdToLast(PERIOD.dividedBy(2)));
        cluster.clock().advance(PERIOD.dividedBy(2));

        assertThat(second.sweep()).as("the first instance holds this period").isZero();
        assertThat(first.sweep()).as("nor does the holder sweep twice in its period").isZero();
        assertThat(cluster.store().find(due.id())).isPresent();

        cluster.clock().advance(PERIOD);
        assertThat(second.sweep()).isEqualTo(1);
        assertThat(cluster.store().find(due.id())).isEmpty();
    }

    @Test
    void aSweepDestroysAtMostItsBatchAndTheNextPeriodTheRest() {
        List<Job> due = IntStream.range(0, 3).mapToObj(i -> archived(createdToLast(Duration.ofMinutes(i + 1))))
                .toList();
        cluster.clock().advance(Duration.ofHours(1));
        JobReaper reaper = reaper(2);

        assertThat(reaper.sweep()).isEqualTo(2);
        assertThat(cluster.store().find(due.get(2).id())).as("the latest due waits").isPresent();

        cluster.clock().advance(PERIOD);
        assertThat(reaper.sweep()).isEqualTo(1);
        assertThat(due).allSatisfy(job -> assertThat(cluster.store().find(job.id())).isEmpty());
    }

    @Test
    void aJobWhoseDestructionWasMovedLaterSinceTheArchiveLookedIsKept() {
        Job job = archived(createdToLast(Duration.ofHours(1)));
        cluster.jobs().setDestruction(job.id(), "2025-03-20T00:00:00Z");
        cluster.clock().advance(Duration.ofHours(2));

        assertThat(reaper(BATCH).sweep()).isZero();

        assertThat(cluster.store().find(job.id())).isPresent();
        assertThat(archive.find(job.id())).isPresent();
    }

    @Test
    void aRunningJobDueForDestructionIsAbortedThenDestroyed() {
        Job running = cluster.jobIn(ExecutionPhase.EXECUTING);
        archived(running);
        cluster.clock().advance(Cluster.POLICY.defaultLifetime());

        assertThat(reaper(BATCH).sweep()).isEqualTo(1);

        assertThat(cluster.heardAbout(running.id())).endsWith(ExecutionPhase.ABORTED);
        assertThat(cluster.store().find(running.id())).isEmpty();
    }

    @Test
    void aJobOnlyTheArchiveStillKnewIsForgottenWithItsResults() throws IOException {
        Job lost = archived(createdToLast(Duration.ofHours(1)));
        cluster.writeResult(lost.id(), "orphan");
        // the hot copy lost the job (a store flushed, say); the archive remembers it
        cluster.store().delete(lost.id());
        cluster.clock().advance(Duration.ofHours(1));

        assertThat(reaper(BATCH).sweep()).isEqualTo(1);

        assertThat(archive.find(lost.id())).isEmpty();
        assertThat(cluster.resultText(lost.id())).isEmpty();
    }

    @Test
    void aBatchMustBePositive() {
        assertThatThrownBy(() -> reaper(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
    }

    private JobReaper reaper(int batch) {
        return new JobReaper(new ArchiveSchedule(archive), archive, cluster.jobs(), lock, cluster.clock(), PERIOD,
                batch);
    }

    /** A job of Alice's whose client asked it to be destroyed that long after creation. */
    private Job createdToLast(Duration lifetime) {
        return cluster.jobs().create(ALICE, parameters("QUERY", "SELECT 1", "DESTRUCTION",
                START.plus(lifetime).toString()));
    }

    /** The job as the archive keeps it too (what the journal would have copied). */
    private Job archived(Job job) {
        archive.create(job.withPhase(ExecutionPhase.PENDING));
        return job;
    }
}
