package org.tapservice.state.archive;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

/**
 * The job archive on the local PostgreSQL obeys the same contract as every job store, and
 * keeps what the Redis store's journal, recovery and reaper need of it.
 */
class PostgresJobStoreTest extends JobStoreContract {

    @RegisterExtension
    static final ArchiveDatabase archiveDatabase = new ArchiveDatabase();

    private PostgresJobStore archive;

    @Override
    protected JobStore newStore() {
        archive = archiveDatabase.store();
        return archive;
    }

    @Test
    void savingAJobAgainOverwritesItWholeWithItsParametersAndResultsReplaced() {
        Job first = finished(ExecutionPhase.COMPLETED, List.of(Result.main("application/x-votable+xml", 10),
                new Result("log", "text/plain", 2)));
        archive.save(first);
        Job second = first.withPhase(ExecutionPhase.ARCHIVED).withRunId(Optional.empty())
                .withParameters(List.of(Parameter.of("QUERY", "SELECT 2"))).withResults(List.of());

        archive.save(second);
        archive.save(second);

        assertThat(archive.find(first.id())).contains(second);
    }

    @Test
    void savingABatchWritesJobsOfEveryPhaseAsTheyAre() {
        List<Job> jobs = new ArrayList<>();
        for (ExecutionPhase phase : ExecutionPhase.values()) {
            jobs.add(finished(phase, phase == ExecutionPhase.COMPLETED
                    ? List.of(Result.main("text/csv", 7)) : List.of()));
        }
        jobs.add(pending(Optional.empty(), now).withParameters(List.of()));

        archive.saveAll(jobs);
        archive.saveAll(jobs);

        for (Job job : jobs) {
            assertThat(archive.find(job.id())).as(job.phase().value()).contains(job);
        }
    }

    @Test
    void removingJobsForgetsThemWithTheirRowsAndIgnoresIdsTheArchiveLacks() {
        Job kept = finished(ExecutionPhase.COMPLETED, List.of(Result.main("text/csv", 7)));
        Job removed = finished(ExecutionPhase.ERROR, List.of(Result.main("text/csv", 7)));
        archive.saveAll(List.of(kept, removed));

        archive.removeAll(List.of(removed.id(), newId()));
        archive.removeAll(List.of(removed.id()));

        assertThat(archive.find(removed.id())).isEmpty();
        assertThat(archive.find(kept.id())).contains(kept);
        assertThat(count("tap_uws.job_results")).isEqualTo(1);
    }

    @Test
    void destructionDueListsTheJobsWhoseDestructionTimeHasComeLongestOverdueFirst() {
        Job overdue = pending(Optional.empty(), now).withDestruction(now.minus(Duration.ofDays(2)));
        Job due = pending(Optional.empty(), now).withDestruction(now.minus(Duration.ofHours(1)));
        Job dueNow = pending(Optional.empty(), now).withDestruction(now);
        Job later = pending(Optional.empty(), now).withDestruction(now.plusMillis(1));
        archive.saveAll(List.of(later, dueNow, due, overdue));

        assertThat(archive.destructionDue(now, 10)).containsExactly(overdue.id(), due.id(), dueNow.id());
        assertThat(archive.destructionDue(now, 2)).containsExactly(overdue.id(), due.id());
        assertThat(archive.destructionDue(now.minus(Duration.ofDays(3)), 10)).isEmpty();
    }

    @Test
    void forEachHandsOverEveryArchivedJobWholeInIdOrderPageAfterPage() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            jobs.add(i % 3 == 0 ? finished(ExecutionPhase.COMPLETED, List.of(Result.main("text/csv", i)))
                    : pending(Optional.of("owner" + i % 7), now.plusMillis(i)));
        }
        archive.saveAll(jobs);

        List<Job> seen = new ArrayList<>();
        archive.forEach(seen::add);

        assertThat(seen).containsExactlyElementsOf(jobs.stream().sorted(Comparator.comparing(Job::id)).toList());
    }

    @Test
    void forEachOnAnEmptyArchiveHandsOverNothing() {
        List<Job> seen = new ArrayList<>();

        archive.forEach(seen::add);

        assertThat(seen).isEmpty();
    }

    @Test
    void aLockedWriteHoldsBackOtherWritesOfItsJobsButNoOthers() throws Exception {
        Job job = pending(Optional.of("alice"), now);
        Job other = pending(Optional.of("bob"), now);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondComputed = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> archive.writeLocked(List.of(job.id()), () -> {
                inside.countDown();
                await(release);
                return new ArchiveWrites(List.of(job.withPhase(ExecutionPhase.QUEUED)), List.of());
            }));
            assertThat(inside.await(20, SECONDS)).isTrue();
            Future<?> second = pool.submit(() -> archive.writeLocked(List.of(job.id()), () -> {
                secondComputed.countDown();
                return new ArchiveWrites(List.of(job.withPhase(ExecutionPhase.EXECUTING)), List.of());
            }));

            try {
                archive.save(other);
                assertThat(secondComputed.await(500, MILLISECONDS))
                        .as("a write of the locked job ran while the lock was held").isFalse();
            } finally {
                release.countDown();
            }
            first.get(20, SECONDS);
            second.get(20, SECONDS);
        }

        assertThat(archive.find(job.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.EXECUTING);
        assertThat(archive.find(other.id())).contains(other);
    }

    private Job finished(ExecutionPhase phase, List<Result> results) {
        Job job = pending(Optional.of("ivo://example.org/carol"), now).withPhase(phase).withResults(results)
                .withStartTime(Optional.of(now.plusMillis(1))).withQuote(Optional.of(now.plusSeconds(60)));
        if (!phase.isFinal()) {
            return job;
        }
        return job.withEndTime(Optional.of(now.plusMillis(2))).withError(phase == ExecutionPhase.ERROR
                ? Optional.of(ErrorSummary.fatal("no such table")) : Optional.empty());
    }

    private static long count(String table) {
        try (Connection connection = archiveDatabase.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
