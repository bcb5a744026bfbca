package org.tapservice.core.uws;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.ARCHIVED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.ERROR;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;
import static org.tapservice.core.uws.ExecutionPhase.HELD;
import static org.tapservice.core.uws.ExecutionPhase.PENDING;
import static org.tapservice.core.uws.ExecutionPhase.QUEUED;
import static org.tapservice.core.uws.ExecutionPhase.SUSPENDED;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of every {@link JobStore}, written as UWS 1.1 states it. A store's test
 * extends this class and returns a fresh, empty store of its own from {@link #newStore()}
 * (for Redis: a random key prefix per test); tap-core's test-jar carries it to the modules
 * that implement the port.
 *
 * <p>Times come from the wall clock at the start of each test, so that a store which derives
 * key expiry from the destruction time keeps every job for the length of a test. The
 * concurrency tests wait at most {@value #WAIT_SECONDS} seconds for anything.
 */
public abstract class JobStoreContract {

    private static final int WAIT_SECONDS = 20;
    private static final int THREADS = 16;
    private static final int RACED_JOBS = 40;

    private final SecureRandom random = new SecureRandom();

    /** The store under test, new for each test. */
    protected JobStore store;
    /** The start of the test, to the millisecond. */
    protected Instant now;

    /** A new, empty store that no other test uses. */
    protected abstract JobStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- creation and reading --------------------------------------------------------------

    @Test
    void aCreatedJobIsPendingAndReadBackAsCreated() {
        Job job = Job.pending(newId(), Optional.of("ivo://example.org/alice"), Optional.of("survey-42"),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT * FROM t WHERE x < 'ü'"),
                        new Parameter("UPLOAD", "t1,http://example.org/t1.xml", true),
                        new Parameter("UPLOAD", "t2,http://example.org/t2.xml", true), Parameter.of("EMPTY", "")),
                now, Duration.ofSeconds(600), now.plus(Duration.ofDays(7)));

        store.create(job);

        assertThat(store.find(job.id())).contains(job);
        assertThat(store.find(job.id()).orElseThrow().phase()).isEqualTo(PENDING);
    }

    @Test
    void anAnonymousJobWithoutRunIdOrParametersIsReadBackAsCreated() {
        Job job = pending(Optional.empty(), now);
        Job bare = job.withParameters(List.of()).withExecutionDuration(Duration.ZERO);

        store.create(bare);

        assertThat(store.find(bare.id())).contains(bare);
    }

    @Test
    void everyFieldAJobCanHaveIsReadBackEqual() {
        Job job = created(Optional.of("bob"));
        transition(job, Set.of(PENDING), QUEUED, JobChange.none().withQuote(now.plusSeconds(30)));
        transition(job, Set.of(QUEUED), EXECUTING, JobChange.started(now.plusMillis(1)));
        TransitionResult done = store.transition(job.id(), Set.of(EXECUTING), ERROR,
                JobChange.failed(now.plusMillis(2), ErrorSummary.transientError("the database was unreachable\n"
                        + "line two <&>")).withResults(List.of(Result.main("application/x-votable+xml", 123),
                        new Result("log.txt", "text/plain", 0))));

        Job stored = ((TransitionResult.Applied) done).job();
        assertThat(store.find(job.id())).contains(stored);
        assertThat(stored.quote()).contains(now.plusSeconds(30));
        assertThat(stored.startTime()).contains(now.plusMillis(1));
        assertThat(stored.endTime()).contains(now.plusMillis(2));
        assertThat(stored.results()).extracting(Result::id).containsExactly("result", "log.txt");
        assertThat(stored.error()).contains(new ErrorSummary(ErrorType.TRANSIENT,
                "the database was unreachable\nline two <&>"));
    }

    @Test
    void creatingAJobWhoseIdExistsFailsAndKeepsTheFirst() {
        Job first = created(Optional.of("alice"));
        Job second = pending(Optional.of("mallory"), now).withExecutionDuration(Duration.ofSeconds(1));
        Job sameId = new Job(first.id(), second.runId(), second.owner(), PENDING, second.executionDuration(),
                second.destruction(), second.quote(), second.creationTime(), second.startTime(), second.endTime(),
                second.parameters(), second.results(), second.error());

        assertThatThrownBy(() -> store.create(sameId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(first.id().value());
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void aJobIsCreatedPendingOrNotAtAll() {
        Job queued = pending(Optional.empty(), now).withPhase(QUEUED);

        assertThatThrownBy(() -> store.create(queued)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(queued.id())).isEmpty();
    }

    @Test
    void aJobThatWasNeverCreatedIsNotFoundByAnyMethod() {
        JobId id = newId();

        assertThat(store.find(id)).isEmpty();
        assertThat(store.transition(id, Set.of(PENDING), QUEUED, JobChange.none()))
                .isEqualTo(new TransitionResult.NotFound());
        assertThat(store.update(id, JobChange.none().withRunId("x"))).isEqualTo(new UpdateResult.NotFound());
        assertThat(store.delete(id)).isFalse();
    }

    // ---- phases ----------------------------------------------------------------------------

    @Test
    void runMovesAPendingJobToQueued() {
        Job job = created(Optional.empty());

        TransitionResult result = store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none());

        assertThat(result).isEqualTo(new TransitionResult.Applied(job.withPhase(QUEUED)));
        assertThat(store.find(job.id())).contains(job.withPhase(QUEUED));
    }

    @Test
    void aWorkerClaimingAQueuedJobMovesItToExecutingAndRecordsTheStartTime() {
        Job job = jobIn(QUEUED);

        Job claimed = transition(job, Set.of(QUEUED), EXECUTING, JobChange.started(now.plusSeconds(1)));

        assertThat(claimed.phase()).isEqualTo(EXECUTING);
        assertThat(claimed.startTime()).contains(now.plusSeconds(1));
        assertThat(store.find(job.id())).contains(claimed);
    }

    @Test
    void aJobThatRanToTheEndIsCompletedWithItsResultsAndEndTime() {
        Job job = jobIn(EXECUTING);
        List<Result> results = List.of(Result.main("application/x-votable+xml;serialization=BINARY2", 4096));

        Job done = transition(job, Set.of(EXECUTING), COMPLETED, JobChange.completed(now.plusSeconds(5), results));

        assertThat(done.phase()).isEqualTo(COMPLETED);
        assertThat(done.results()).isEqualTo(results);
        assertThat(done.endTime()).contains(now.plusSeconds(5));
        assertThat(done.startTime()).isEqualTo(job.startTime());
        assertThat(done.parameters()).isEqualTo(job.parameters());
    }

    @Test
    void aJobThatFailedIsInErrorWithItsSummary() {
        Job job = jobIn(EXECUTING);

        Job failed = transition(job, Set.of(EXECUTING), ERROR,
                JobChange.failed(now.plusSeconds(1), ErrorSummary.fatal("table foo does not exist")));

        assertThat(failed.phase()).isEqualTo(ERROR);
        assertThat(failed.error()).contains(ErrorSummary.fatal("table foo does not exist"));
        assertThat(store.find(job.id())).contains(failed);
    }

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "QUEUED", "EXECUTING", "HELD", "SUSPENDED"})
    void abortMovesAJobThatHasNotEndedToAborted(ExecutionPhase phase) {
        Job job = jobIn(phase);

        Job aborted = transition(job, PhaseTransitions.sources(ABORTED), ABORTED, JobChange.aborted(now));

        assertThat(aborted.phase()).isEqualTo(ABORTED);
        assertThat(aborted.endTime()).contains(now);
    }

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "ERROR", "ABORTED"})
    void aJobThatReachedAFinalPhaseNeverChangesPhaseAgain(ExecutionPhase phase) {
        Job job = jobIn(phase);
        Job before = store.find(job.id()).orElseThrow();

        for (ExecutionPhase target : List.of(QUEUED, HELD, EXECUTING, SUSPENDED, COMPLETED, ERROR, ABORTED)) {
            TransitionResult result = store.transition(job.id(), PhaseTransitions.sources(target), target,
                    JobChange.completed(now.plusSeconds(99), List.of(Result.main("text/plain", 1))));
            assertThat(result).as("moving %s to %s", phase, target).isEqualTo(new TransitionResult.Refused(phase));
        }
        assertThat(store.find(job.id())).contains(before);
    }

    @Test
    void aWorkerFinishingAfterAnAbortIsRefusedAndTheJobStaysAborted() {
        Job job = jobIn(EXECUTING);
        Job aborted = transition(job, PhaseTransitions.sources(ABORTED), ABORTED, JobChange.aborted(now.plusSeconds(1)));

        TransitionResult late = store.transition(job.id(), Set.of(EXECUTING), COMPLETED,
                JobChange.completed(now.plusSeconds(2), List.of(Result.main("text/csv", 10))));

        assertThat(late).isEqualTo(new TransitionResult.Refused(ABORTED));
        assertThat(store.find(job.id())).contains(aborted);
    }

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "ERROR", "ABORTED"})
    void aFinishedJobMayBeArchivedAndThenNothingMore(ExecutionPhase phase) {
        Job job = jobIn(phase);

        Job archived = transition(job, Set.of(phase), ARCHIVED, JobChange.none());

        assertThat(archived.phase()).isEqualTo(ARCHIVED);
        assertThat(store.transition(job.id(), PhaseTransitions.sources(ABORTED), ABORTED, JobChange.none()))
                .isEqualTo(new TransitionResult.Refused(ARCHIVED));
        assertThat(store.find(job.id())).contains(archived);
    }

    @Test
    void compareAndSetRefusesWhenThePhaseDiffersAndChangesNothing() {
        Job job = created(Optional.empty());
        Job queued = transition(job, Set.of(PENDING), QUEUED, JobChange.none());

        assertThat(store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none().withQuote(now)))
                .isEqualTo(new TransitionResult.Refused(QUEUED));
        assertThat(store.transition(job.id(), Set.of(EXECUTING), COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 1)))))
                .isEqualTo(new TransitionResult.Refused(QUEUED));
        assertThat(store.find(job.id())).contains(queued);
    }

    @Test
    void aChangeUwsForbidsIsRejectedWhateverTheJob() {
        Job job = created(Optional.empty());

        assertThatThrownBy(() -> store.transition(job.id(), Set.of(PENDING), COMPLETED, JobChange.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.transition(job.id(), Set.of(), QUEUED, JobChange.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.transition(newId(), Set.of(QUEUED), QUEUED, JobChange.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(job.id())).contains(job);
    }

    // ---- changes without a phase move ------------------------------------------------------

    @Test
    void parametersRunIdAndExecutionDurationCanChangeWhilePending() {
        Job job = created(Optional.empty());

        UpdateResult result = store.update(job.id(), JobChange.none()
                .withParameters(List.of(Parameter.of("query", "SELECT 2"), Parameter.of("MAXREC", "10")))
                .withRunId("second try")
                .withExecutionDuration(Duration.ofSeconds(30)));

        Job updated = ((UpdateResult.Updated) result).job();
        assertThat(updated.parameters()).containsExactly(Parameter.of("LANG", "ADQL"),
                Parameter.of("query", "SELECT 2"), Parameter.of("MAXREC", "10"));
        assertThat(updated.runId()).contains("second try");
        assertThat(updated.executionDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(updated.phase()).isEqualTo(PENDING);
        assertThat(store.find(job.id())).contains(updated);
    }

    @ParameterizedTest
    @EnumSource(names = {"QUEUED", "EXECUTING", "HELD", "COMPLETED", "ABORTED"})
    void parametersCanChangeOnlyWhilePending(ExecutionPhase phase) {
        Job job = jobIn(phase);
        Job before = store.find(job.id()).orElseThrow();

        for (JobChange change : List.of(JobChange.none().withParameters(List.of(Parameter.of("QUERY", "SELECT 3"))),
                JobChange.none().withRunId("late"), JobChange.none().withExecutionDuration(Duration.ofSeconds(5)))) {
            assertThat(store.update(job.id(), change)).isEqualTo(new UpdateResult.Refused(phase));
        }
        assertThat(store.find(job.id())).contains(before);
    }

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED"})
    void theDestructionTimeCanChangeUntilTheJobIsArchived(ExecutionPhase phase) {
        Job job = jobIn(phase);
        Instant later = now.plus(Duration.ofDays(30));

        UpdateResult result = store.update(job.id(), JobChange.none().withDestruction(later));

        assertThat(result).isInstanceOf(UpdateResult.Updated.class);
        assertThat(store.find(job.id()).orElseThrow().destruction()).isEqualTo(later);
        assertThat(store.find(job.id()).orElseThrow().phase()).isEqualTo(phase);
    }

    @Test
    void anArchivedJobKeepsItsDestructionTime() {
        Job job = jobIn(COMPLETED);
        Job archived = transition(job, Set.of(COMPLETED), ARCHIVED, JobChange.none());

        assertThat(store.update(job.id(), JobChange.none().withDestruction(now.plus(Duration.ofDays(30)))))
                .isEqualTo(new UpdateResult.Refused(ARCHIVED));
        assertThat(store.find(job.id())).contains(archived);
    }

    @Test
    void anUpdateCannotSetWhatOnlyAPhaseChangeSets() {
        Job job = created(Optional.empty());

        assertThatThrownBy(() -> store.update(job.id(), JobChange.started(now)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.update(job.id(), JobChange.completed(now, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(job.id())).contains(job);
    }

    // ---- deletion --------------------------------------------------------------------------

    @Test
    void deleteRemovesTheJobEverywhere() {
        Job job = created(Optional.of("alice"));
        Job other = created(Optional.of("alice"));

        assertThat(store.delete(job.id())).isTrue();

        assertThat(store.find(job.id())).isEmpty();
        assertThat(store.delete(job.id())).isFalse();
        assertThat(store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none()))
                .isEqualTo(new TransitionResult.NotFound());
        assertThat(store.update(job.id(), JobChange.none().withDestruction(now.plusSeconds(5))))
                .isEqualTo(new UpdateResult.NotFound());
        assertThat(store.find(job.id())).isEmpty();
        assertThat(ids(store.list(JobFilter.all()))).containsExactly(other.id());
        assertThat(store.find(other.id())).contains(other);
    }

    // ---- job lists (UWS 2.2.2.1) -----------------------------------------------------------

    @Test
    void theJobListShowsEveryJobButArchivedOnesNewestFirst() {
        Job oldest = createdAt(Optional.empty(), now.minusSeconds(30));
        Job archived = createdAt(Optional.empty(), now.minusSeconds(20));
        moveTo(archived, ABORTED);
        transition(archived, Set.of(ABORTED), ARCHIVED, JobChange.none());
        Job middle = createdAt(Optional.empty(), now.minusSeconds(10));
        Job newest = createdAt(Optional.empty(), now);

        assertThat(ids(store.list(JobFilter.all()))).containsExactly(newest.id(), middle.id(), oldest.id());
    }

    @Test
    void theJobListShowsEachJobsPhaseRunIdOwnerAndCreationTime() {
        Job job = created(Optional.of("alice"));
        moveTo(job, QUEUED);

        assertThat(store.list(JobFilter.all()).jobs())
                .containsExactly(new JobRef(job.id(), QUEUED, job.runId(), job.owner(), job.creationTime()));
    }

    @Test
    void theJobListShowsTheJobsOfTheOwnerAsked() {
        Job alice = createdAt(Optional.of("alice"), now.minusSeconds(3));
        Job bob = createdAt(Optional.of("bob"), now.minusSeconds(2));
        Job anonymous = createdAt(Optional.empty(), now.minusSeconds(1));

        assertThat(ids(store.list(JobFilter.all().withOwner(OwnerFilter.owner("alice"))))).containsExactly(alice.id());
        assertThat(ids(store.list(JobFilter.all().withOwner(OwnerFilter.anonymous()))))
                .containsExactly(anonymous.id());
        assertThat(ids(store.list(JobFilter.all().withOwner(OwnerFilter.any()))))
                .containsExactly(anonymous.id(), bob.id(), alice.id());
        assertThat(store.list(JobFilter.all().withOwner(OwnerFilter.owner("carol"))).jobs()).isEmpty();
    }

    @Test
    void repeatedPhaseFiltersListTheUnionOfThosePhases() {
        Job pending = createdAt(Optional.empty(), now.minusSeconds(3));
        Job queued = createdAt(Optional.empty(), now.minusSeconds(2));
        moveTo(queued, QUEUED);
        Job executing = createdAt(Optional.empty(), now.minusSeconds(1));
        moveTo(executing, EXECUTING);

        assertThat(ids(store.list(JobFilter.all().withPhases(Set.of(EXECUTING))))).containsExactly(executing.id());
        assertThat(ids(store.list(JobFilter.all().withPhases(Set.of(PENDING, EXECUTING)))))
                .containsExactly(executing.id(), pending.id());
        assertThat(store.list(JobFilter.all().withPhases(Set.of(COMPLETED))).jobs()).isEmpty();
    }

    @Test
    void archivedJobsAreListedOnlyWhenPhaseArchivedAsksForThem() {
        Job archived = createdAt(Optional.empty(), now.minusSeconds(2));
        moveTo(archived, COMPLETED);
        transition(archived, Set.of(COMPLETED), ARCHIVED, JobChange.none());
        Job completed = createdAt(Optional.empty(), now.minusSeconds(1));
        moveTo(completed, COMPLETED);

        assertThat(ids(store.list(JobFilter.all()))).containsExactly(completed.id());
        assertThat(ids(store.list(JobFilter.all().withPhases(Set.of(ARCHIVED))))).containsExactly(archived.id());
        assertThat(ids(store.list(JobFilter.all().withPhases(Set.of(ARCHIVED, COMPLETED)))))
                .containsExactly(completed.id(), archived.id());
    }

    @Test
    void afterListsOnlyJobsCreatedStrictlyLater() {
        Job before = createdAt(Optional.empty(), now.minusMillis(1));
        Job at = createdAt(Optional.empty(), now);
        Job after = createdAt(Optional.empty(), now.plusMillis(1));

        assertThat(ids(store.list(JobFilter.all().withAfter(now)))).containsExactly(after.id());
        assertThat(ids(store.list(JobFilter.all().withAfter(now.minusSeconds(1)))))
                .containsExactly(after.id(), at.id(), before.id());
    }

    @Test
    void lastListsTheMostRecentJobsNewestFirst() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            jobs.add(createdAt(Optional.empty(), now.minusSeconds(i)));
        }

        assertThat(ids(store.list(JobFilter.all().withLast(2)))).containsExactly(jobs.get(4).id(), jobs.get(3).id());
        assertThat(ids(store.list(JobFilter.all().withLast(1)))).containsExactly(jobs.get(4).id());
        assertThat(store.list(JobFilter.all().withLast(100)).jobs()).hasSize(5);
    }

    @Test
    void filtersCombineAsALogicalAndWithLastCountingOnlyMatchingJobs() {
        moveTo(createdAt(Optional.of("alice"), now.minusSeconds(50)), QUEUED); // before AFTER
        Job aliceQueued1 = createdAt(Optional.of("alice"), now.minusSeconds(40));
        moveTo(aliceQueued1, QUEUED);
        createdAt(Optional.of("alice"), now.minusSeconds(30)); // PENDING: not listed
        moveTo(createdAt(Optional.of("bob"), now.minusSeconds(25)), QUEUED); // not alice's
        Job aliceQueued2 = createdAt(Optional.of("alice"), now.minusSeconds(20));
        moveTo(aliceQueued2, QUEUED);
        Job aliceQueued3 = createdAt(Optional.of("alice"), now.minusSeconds(10));
        moveTo(aliceQueued3, QUEUED);

        JobFilter filter = new JobFilter(OwnerFilter.owner("alice"), Set.of(QUEUED),
                Optional.of(now.minusSeconds(45)), OptionalInt.of(2));

        assertThat(ids(store.list(filter))).containsExactly(aliceQueued3.id(), aliceQueued2.id());
        assertThat(ids(store.list(filter.withLast(10))))
                .containsExactly(aliceQueued3.id(), aliceQueued2.id(), aliceQueued1.id());
    }

    @Test
    void jobsCreatedInTheSameMillisecondAreListedInDescendingIdOrder() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(createdAt(Optional.empty(), now));
        }
        List<JobId> expected = jobs.stream().map(Job::id).sorted(Comparator.reverseOrder()).toList();

        assertThat(ids(store.list(JobFilter.all()))).containsExactlyElementsOf(expected);
        assertThat(ids(store.list(JobFilter.all().withLast(3)))).containsExactlyElementsOf(expected.subList(0, 3));
    }

    // ---- concurrency -----------------------------------------------------------------------

    @Test
    void racingRunAndAbortLeaveEachJobInOneLegalOutcome() throws Exception {
        List<Job> jobs = createMany(RACED_JOBS);

        List<List<TransitionResult>> outcomes = race(jobs, (thread, job) -> thread % 2 == 0
                ? store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none())
                : store.transition(job.id(), PhaseTransitions.sources(ABORTED), ABORTED, JobChange.aborted(now)));

        for (int j = 0; j < jobs.size(); j++) {
            long runs = countApplied(outcomes, j, 0);
            long aborts = countApplied(outcomes, j, 1);
            ExecutionPhase phase = store.find(jobs.get(j).id()).orElseThrow().phase();
            assertThat(runs).as("RUNs applied to job %d", j).isLessThanOrEqualTo(1);
            assertThat(aborts).as("ABORTs applied to job %d", j).isLessThanOrEqualTo(1);
            if (phase == QUEUED) {
                assertThat(runs).isOne();
                assertThat(aborts).isZero();
            } else {
                assertThat(phase).isEqualTo(ABORTED);
                assertThat(aborts).isOne();
            }
            for (int t = 0; t < THREADS; t++) {
                if (outcomes.get(t).get(j) instanceof TransitionResult.Refused(ExecutionPhase current)) {
                    assertThat(current).isIn(t % 2 == 0 ? Set.of(QUEUED, ABORTED) : Set.of(ABORTED));
                }
            }
        }
    }

    @Test
    void racingWorkersClaimEachQueuedJobExactlyOnce() throws Exception {
        List<Job> jobs = createMany(RACED_JOBS);
        jobs.forEach(job -> moveTo(job, QUEUED));

        List<List<TransitionResult>> outcomes = race(jobs, (thread, job) ->
                store.transition(job.id(), Set.of(QUEUED), EXECUTING, JobChange.started(now.plusMillis(thread))));

        for (int j = 0; j < jobs.size(); j++) {
            int winner = -1;
            for (int t = 0; t < THREADS; t++) {
                TransitionResult result = outcomes.get(t).get(j);
                if (result instanceof TransitionResult.Applied) {
                    assertThat(winner).as("job %d claimed twice", j).isEqualTo(-1);
                    winner = t;
                } else {
                    assertThat(result).isEqualTo(new TransitionResult.Refused(EXECUTING));
                }
            }
            assertThat(winner).as("job %d never claimed", j).isNotNegative();
            assertThat(store.find(jobs.get(j).id()).orElseThrow().startTime()).contains(now.plusMillis(winner));
        }
    }

    @Test
    void racingCompletionAndAbortLeaveOneOutcomeWithItsOwnFields() throws Exception {
        List<Job> jobs = createMany(RACED_JOBS);
        jobs.forEach(job -> moveTo(job, EXECUTING));
        List<Result> results = List.of(Result.main("text/csv", 7));

        List<List<TransitionResult>> outcomes = race(jobs, (thread, job) -> thread % 2 == 0
                ? store.transition(job.id(), Set.of(EXECUTING), COMPLETED, JobChange.completed(now, results))
                : store.transition(job.id(), PhaseTransitions.sources(ABORTED), ABORTED, JobChange.aborted(now)));

        for (int j = 0; j < jobs.size(); j++) {
            assertThat(countApplied(outcomes, j, 0) + countApplied(outcomes, j, 1)).as("job %d", j).isOne();
            Job job = store.find(jobs.get(j).id()).orElseThrow();
            assertThat(job.phase()).isIn(COMPLETED, ABORTED);
            assertThat(job.results()).isEqualTo(job.phase() == COMPLETED ? results : List.of());
        }
    }

    @Test
    void anUpdateRacingRunTakesEffectOnlyIfItCameFirst() throws Exception {
        List<Job> jobs = createMany(RACED_JOBS);

        List<List<Object>> outcomes = raceAny(jobs, (thread, job) -> thread % 2 == 0
                ? store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none())
                : store.update(job.id(), JobChange.none().withParameters(
                        List.of(Parameter.of("T" + thread, "x")))));

        for (int j = 0; j < jobs.size(); j++) {
            Job job = store.find(jobs.get(j).id()).orElseThrow();
            assertThat(job.phase()).isEqualTo(QUEUED);
            for (int t = 1; t < THREADS; t += 2) {
                boolean updated = outcomes.get(t).get(j) instanceof UpdateResult.Updated;
                assertThat(job.parameter("T" + t).isPresent()).as("job %d, thread %d", j, t).isEqualTo(updated);
                if (!updated) {
                    assertThat(outcomes.get(t).get(j)).isEqualTo(new UpdateResult.Refused(QUEUED));
                }
            }
        }
    }

    @Test
    void aDeletedJobStaysDeletedWhateverRacesIt() throws Exception {
        List<Job> jobs = createMany(RACED_JOBS);

        List<List<Object>> outcomes = raceAny(jobs, (thread, job) -> switch (thread % 4) {
            case 0 -> store.delete(job.id());
            case 1 -> store.transition(job.id(), Set.of(PENDING), QUEUED, JobChange.none());
            case 2 -> store.transition(job.id(), PhaseTransitions.sources(ABORTED), ABORTED, JobChange.aborted(now));
            default -> store.update(job.id(), JobChange.none().withDestruction(now.plusSeconds(thread)));
        });

        for (int j = 0; j < jobs.size(); j++) {
            long deleted = 0;
            for (int t = 0; t < THREADS; t += 4) {
                deleted += Boolean.TRUE.equals(outcomes.get(t).get(j)) ? 1 : 0;
            }
            assertThat(deleted).as("deletions of job %d that found it", j).isOne();
            assertThat(store.find(jobs.get(j).id())).as("job %d", j).isEmpty();
        }
        assertThat(store.list(JobFilter.all().withPhases(EnumSet.allOf(ExecutionPhase.class))).jobs()).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A new job id. */
    protected JobId newId() {
        return JobId.random(random);
    }

    /** A PENDING job as POST /async would make it, not yet stored. */
    protected Job pending(Optional<String> owner, Instant creationTime) {
        return Job.pending(newId(), owner, Optional.of("run"),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")),
                creationTime, Duration.ofSeconds(3600), now.plus(Duration.ofDays(1)));
    }

    private Job created(Optional<String> owner) {
        return createdAt(owner, now);
    }

    private Job createdAt(Optional<String> owner, Instant creationTime) {
        Job job = pending(owner, creationTime);
        store.create(job);
        return job;
    }

    private List<Job> createMany(int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(createdAt(Optional.empty(), now.minusMillis(i)));
        }
        return jobs;
    }

    /** A stored job brought to the phase given along legal transitions. */
    private Job jobIn(ExecutionPhase phase) {
        Job job = created(Optional.of("alice"));
        moveTo(job, phase);
        return store.find(job.id()).orElseThrow();
    }

    private void moveTo(Job job, ExecutionPhase phase) {
        switch (phase) {
            case PENDING -> {
            }
            case QUEUED, HELD -> transition(job, Set.of(PENDING), phase, JobChange.none());
            case EXECUTING -> {
                moveTo(job, QUEUED);
                transition(job, Set.of(QUEUED), EXECUTING, JobChange.started(now));
            }
            case COMPLETED -> {
                moveTo(job, EXECUTING);
                transition(job, Set.of(EXECUTING), COMPLETED,
                        JobChange.completed(now, List.of(Result.main("text/csv", 3))));
            }
            case ERROR -> {
                moveTo(job, EXECUTING);
                transition(job, Set.of(EXECUTING), ERROR, JobChange.failed(now, ErrorSummary.fatal("broken")));
            }
            case ABORTED -> transition(job, Set.of(PENDING), ABORTED, JobChange.aborted(now));
            case SUSPENDED -> {
                moveTo(job, EXECUTING);
                transition(job, Set.of(EXECUTING), SUSPENDED, JobChange.none());
            }
            case ARCHIVED, UNKNOWN -> throw new IllegalArgumentException("not a phase this helper reaches: " + phase);
        }
    }

    /** A transition that must apply; returns the job as stored. */
    private Job transition(Job job, Set<ExecutionPhase> expected, ExecutionPhase target, JobChange change) {
        TransitionResult result = store.transition(job.id(), expected, target, change);
        assertThat(result).as("moving job to %s", target).isInstanceOf(TransitionResult.Applied.class);
        Job moved = ((TransitionResult.Applied) result).job();
        assertThat(store.find(job.id())).contains(moved);
        return moved;
    }

    private static List<JobId> ids(JobPage page) {
        return page.jobs().stream().map(JobRef::id).toList();
    }

    /** How many threads of the given parity had their transition applied to job j. */
    private static long countApplied(List<List<TransitionResult>> outcomes, int j, int parity) {
        long count = 0;
        for (int t = parity; t < outcomes.size(); t += 2) {
            if (outcomes.get(t).get(j) instanceof TransitionResult.Applied) {
                count++;
            }
        }
        return count;
    }

    private List<List<TransitionResult>> race(List<Job> jobs, BiFunction<Integer, Job, TransitionResult> step)
            throws Exception {
        List<List<Object>> raw = raceAny(jobs, step::apply);
        List<List<TransitionResult>> typed = new ArrayList<>();
        for (List<Object> perThread : raw) {
            typed.add(perThread.stream().map(TransitionResult.class::cast).toList());
        }
        return typed;
    }

    /**
     * Runs {@value #THREADS} threads, released together by a latch, each doing its step on
     * every job in turn; returns each thread's outcomes, job by job. Every wait is bounded.
     */
    private List<List<Object>> raceAny(List<Job> jobs, BiFunction<Integer, Job, ?> step) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<Object>> task = () -> {
                    ready.countDown();
                    if (!go.await(WAIT_SECONDS, SECONDS)) {
                        throw new IllegalStateException("the race never started");
                    }
                    // each thread starts at another job, so that the jobs see different
                    // interleavings, and records its outcomes in job order
                    Object[] results = new Object[jobs.size()];
                    for (int i = 0; i < jobs.size(); i++) {
                        int j = (i + thread * 7) % jobs.size();
                        results[j] = step.apply(thread, jobs.get(j));
                    }
                    return List.of(results);
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(WAIT_SECONDS, SECONDS)).as("all threads ready").isTrue();
            go.countDown();
            List<List<Object>> outcomes = new ArrayList<>();
            for (Future<List<Object>> future : futures) {
                outcomes.add(future.get(WAIT_SECONDS, SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_SECONDS, SECONDS)).as("race threads ended").isTrue();
        }
    }
}
