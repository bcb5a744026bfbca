package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.LEASE;
import static org.tapservice.core.async.Cluster.parameters;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.ERROR;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.TransitionResult;

/**
 * An instance's workers: they take queued jobs, run them on PostgreSQL and finish them; an
 * ABORT, the end of a job's execution duration or a lost lease stops the job's statement at
 * once; an instance that stops hands its jobs back (UWS 2.1.3, 2.1.4). Jobs are followed the
 * way a client follows them, through blocking WAITs; whether a statement still runs is asked
 * of PostgreSQL. The leases of most tests never lapse, since the cluster's clock stands still:
 * only the ABORT's own event can have stopped a statement in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerPoolTest {

    private static final String SOURCES = "SELECT id FROM science.sources ORDER BY id";
    /** A job queued while no worker is idle waits at most this long for a look at the queue. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private SampleArchive archive;

    @TempDir
    Path resultDirectory;

    private Cluster cluster;
    private final List<WorkerPool> pools = new ArrayList<>();

    @BeforeAll
    void createArchive() {
        archive = SampleArchive.create();
    }

    @AfterAll
    void dropArchive() {
        archive.close();
    }

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(resultDirectory);
    }

    @AfterEach
    void stopCluster() {
        pools.forEach(WorkerPool::close);
        cluster.close();
    }

    @Test
    void aQueuedJobIsTakenRunAndCompletedWithItsResult() throws Exception {
        started(1, LEASE);

        Job done = cluster.awaitPhase(submitted(SOURCES, "RESPONSEFORMAT", "csv").id(), ExecutionPhase::isFinal);

        SampleArchive.Answer expected = archive.syncAnswer(SOURCES, Optional.of("csv"));
        assertThat(done.phase()).isEqualTo(COMPLETED);
        // the CSV first, then the BINARY2 copy it was converted from
        assertThat(done.results().getFirst()).isEqualTo(expected.asResult());
        assertThat(cluster.resultText(done.id())).contains(expected.text());
        // the event follows the stored phase: wait for it rather than race the worker that sends it
        awaitHeard(done.id(), COMPLETED);
        assertThat(cluster.heardAbout(done.id())).containsExactly(ExecutionPhase.QUEUED, EXECUTING, COMPLETED);
    }

    private void awaitHeard(JobId id, ExecutionPhase phase) throws InterruptedException {
        for (int i = 0; i < 200 && !cluster.heardAbout(id).contains(phase); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void aJobQueuedBeforeTheWorkersStartedIsRunOnceTheyDo() throws Exception {
        Job queued = submitted(SOURCES);

        started(1, LEASE);

        assertThat(cluster.awaitPhase(queued.id(), ExecutionPhase::isFinal).phase()).isEqualTo(COMPLETED);
    }

    @Test
    void anInvalidQueryEndsInErrorWithTheTranslatorsMessage() throws Exception {
        started(1, LEASE);

        Job failed = cluster.awaitPhase(submitted("SELECT FROM WHERE").id(), ExecutionPhase::isFinal);

        assertThat(failed.phase()).isEqualTo(ERROR);
        assertThat(failed.error()).hasValueSatisfying(
                error -> assertThat(error.message()).startsWith("invalid ADQL query: "));
        assertThat(failed.results()).isEmpty();
    }

    @Test
    void jobsSubmittedToOneInstanceAreEachRunOnceByTheWorkersOfAll() throws Exception {
        started(2, LEASE);
        started(2, LEASE);
        List<JobId> submitted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            submitted.add(submitted("SELECT TOP " + (i + 1) + " id FROM science.sources").id());
        }

        for (JobId id : submitted) {
            assertThat(cluster.awaitPhase(id, ExecutionPhase::isFinal).phase()).isEqualTo(COMPLETED);
            assertThat(cluster.heardAbout(id)).as("claimed once").containsOnlyOnce(EXECUTING);
        }
    }

    @Test
    void aJobAbortedWhileItsQueryRunsIsCancelledAndStaysAborted() throws Exception {
        WorkerPool pool = started(1, LEASE);
        Job job = submitted(SampleArchive.SLOW_QUERY);
        archive.awaitSlowQuery(true);

        Job aborted = cluster.jobs().abort(job.id());

        archive.awaitSlowQuery(false);
        Cluster.await(() -> pool.runningJobs() == 0, "the worker to let the job go");
        assertThat(cluster.store().find(job.id())).contains(aborted);
        assertThat(aborted.results()).isEmpty();
        assertThat(aborted.error()).isEmpty();
        assertThat(cluster.resultText(job.id())).isEmpty();
    }

    /**
     * A client that sees EXECUTING and aborts at once may do so before the statement exists:
     * the ABORT must still stop the run, not leave it to a lease renewal minutes later. The
     * pool's one worker running the next job is the proof that it stopped.
     */
    @Test
    void anAbortAsSoonAsTheJobIsSeenExecutingStopsTheRun() throws Exception {
        started(1, LEASE);
        for (int attempt = 0; attempt < 10; attempt++) {
            Job job = submitted(SampleArchive.SLOW_QUERY);
            cluster.awaitPhase(job.id(), phase -> phase != ExecutionPhase.QUEUED);

            cluster.jobs().abort(job.id());

            Job next = cluster.awaitPhase(submitted(SOURCES).id(), ExecutionPhase::isFinal);
            assertThat(next.phase()).isEqualTo(COMPLETED);
            assertThat(cluster.store().find(job.id()).orElseThrow().phase()).isEqualTo(ABORTED);
        }
        archive.awaitSlowQuery(false);
    }

    @Test
    void aJobRunningPastItsExecutionDurationIsAbortedWithAnErrorSummarySayingSo() throws Exception {
        WorkerPool pool = started(1, LEASE);

        Job overran = cluster.awaitPhase(submitted(SampleArchive.SLOW_QUERY, "EXECUTIONDURATION", "1").id(),
                ExecutionPhase::isFinal);

        assertThat(overran.phase()).isEqualTo(ABORTED);
        assertThat(overran.error()).hasValueSatisfying(
                error -> assertThat(error.message()).contains("execution duration of 1 s"));
        archive.awaitSlowQuery(false);
        Cluster.await(() -> pool.runningJobs() == 0, "the worker to let the job go");
    }

    @Test
    void aLostLeaseStopsTheRunAndLeavesTheJobToItsNewHolder() throws Exception {
        // renewed every half second, so the loss is noticed soon after the clock moves
        WorkerPool pool = started(1, Duration.ofMillis(1500));
        Job job = submitted(SampleArchive.SLOW_QUERY);
        archive.awaitSlowQuery(true);

        Lease taken = takeOver(job.id());

        Cluster.await(() -> pool.runningJobs() == 0, "the worker to give the job up");
        archive.awaitSlowQuery(false);
        Job stillRunning = cluster.store().find(job.id()).orElseThrow();
        assertThat(stillRunning.phase()).as("the new holder decides what it becomes").isEqualTo(EXECUTING);
        assertThat(stillRunning.startTime()).isEqualTo(taken.job().startTime());
        assertThat(cluster.heardAbout(job.id())).doesNotContain(ABORTED, ERROR, COMPLETED);
        assertThat(cluster.queue().finish(taken, COMPLETED, JobChange.completed(cluster.clock().instant(),
                List.of()))).isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void aStoppingInstanceHandsItsRunningJobBackForAnotherToRunAtOnce() throws Exception {
        WorkerPool pool = started(1, LEASE);
        Job job = submitted(SampleArchive.SLOW_QUERY);
        archive.awaitSlowQuery(true);

        pool.close();

        assertThat(pool.runningJobs()).isZero();
        archive.awaitSlowQuery(false);
        assertThat(cluster.store().find(job.id()).orElseThrow().phase()).isEqualTo(EXECUTING);
        // no lease has lapsed (the clock stands still): the job was given back, not abandoned
        Optional<Lease> next = cluster.queue().claim(LEASE, cluster.clock().instant());
        assertThat(next).hasValueSatisfying(lease -> assertThat(lease.id()).isEqualTo(job.id()));
    }

    @Test
    void aPoolStartsOnce() {
        WorkerPool pool = started(0, LEASE);

        assertThatThrownBy(pool::start).isInstanceOf(IllegalStateException.class);
    }

    /** A started pool of this many workers, over the cluster, closed after the test. */
    private WorkerPool started(int workers, Duration leaseTime) {
        WorkerPool pool = new WorkerPool(cluster.queue(), cluster.events(), cluster.log(), cluster.jobs(), archive.runner(cluster),
                new WorkerSettings(workers, leaseTime, IDLE_POLL, SampleArchive.GRACE), cluster.clock());
        pools.add(pool);
        pool.start();
        return pool;
    }

    /** Alice's ADQL query, submitted with PHASE=RUN and these further parameters. */
    private Job submitted(String adql, String... namesAndValues) {
        List<Parameter> parameters = new ArrayList<>(parameters("PHASE", "RUN",
                "LANG", "ADQL", "QUERY", adql));
        parameters.addAll(parameters(namesAndValues));
        return cluster.jobs().create(ALICE, parameters);
    }

    /**
     * Another instance's claim of a job whose lease lapsed: the clock moves past every lease,
     * and the claim is made before the worker, which is busy with the job, can claim again
     * (should it win, its own fresh lease lapses at the next try).
     */
    private Lease takeOver(JobId id) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            cluster.clock().advance(Duration.ofHours(1));
            Optional<Lease> lease = cluster.queue().claim(LEASE, cluster.clock().instant());
            if (lease.isPresent()) {
                assertThat(lease.get().id()).isEqualTo(id);
                return lease.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " could not be taken over");
    }
}
