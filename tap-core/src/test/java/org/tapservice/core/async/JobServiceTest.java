package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.ANONYMOUS;
import static org.tapservice.core.async.Cluster.BOB;
import static org.tapservice.core.async.Cluster.PATIENCE;
import static org.tapservice.core.async.Cluster.POLICY;
import static org.tapservice.core.async.Cluster.START;
import static org.tapservice.core.async.Cluster.parameters;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;
import static org.tapservice.core.uws.ExecutionPhase.PENDING;
import static org.tapservice.core.uws.ExecutionPhase.QUEUED;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.core.uws.ErrorType;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

/**
 * The UWS 1.1 operations on async jobs (section 2.2), as a client asks them of any instance.
 * Waits are bounded generously and never timed: a WAIT that should return at once is given
 * far longer to block than the test allows it to take.
 */
class JobServiceTest {

    @TempDir
    Path resultDirectory;

    private Cluster cluster;
    private JobService jobs;

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(resultDirectory);
        jobs = cluster.jobs();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void eachPhaseARunOrAnAbortReachesIsToldToTheObserverOnceAndARepeatedRunTellsNothing() {
        List<String> told = new CopyOnWriteArrayList<>();
        JobService observed = new JobService(cluster.store(), cluster.quotas(), cluster.queue(), cluster.events(),
                cluster.waiters(), cluster.results(), new JobUploads(cluster.results(), TestUploads.LIMITS), POLICY,
                cluster.clock(), new JobObserver() {
                    @Override
                    public void reached(Job job) {
                        told.add(job.phase() + " " + job.id());
                    }
                });
        Job job = observed.create(ALICE, parameters("LANG", "ADQL", "QUERY", "SELECT 1"));

        observed.run(job.id());
        observed.run(job.id());
        observed.abort(job.id());
        observed.abort(job.id());

        assertThat(told).containsExactly("QUEUED " + job.id(), "ABORTED " + job.id());
    }

    // ---- creation (UWS 2.2.3.1) -------------------------------------------------------------

    @Test
    void aNewJobIsPendingWithItsParametersInOrderAndThePolicysDefaults() {
        Job job = jobs.create(ALICE, parameters("LANG", "ADQL", "QUERY", "SELECT 1", "UPLOAD", "a,x",
                "UPLOAD", "b,y"));

        assertThat(job.phase()).isEqualTo(PENDING);
        assertThat(job.owner()).isEqualTo(ALICE);
        assertThat(job.parameters()).containsExactlyElementsOf(parameters("LANG", "ADQL", "QUERY", "SELECT 1",
                "UPLOAD", "a,x", "UPLOAD", "b,y"));
        assertThat(job.creationTime()).isEqualTo(START);
        assertThat(job.executionDuration()).isEqualTo(POLICY.defaultExecutionDuration());
        assertThat(job.destruction()).isEqualTo(START.plus(POLICY.defaultLifetime()));
        assertThat(cluster.store().find(job.id())).contains(job);
        assertThat(cluster.queue().contains(job.id())).as("a PENDING job waits for RUN").isFalse();
        assertThat(cluster.heardAbout(job.id())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN", "run", " Run "})
    void phaseRunAtCreationQueuesTheJobAndOffersItToTheWorkers(String run) {
        Job job = jobs.create(ALICE, parameters("PHASE", run, "LANG", "ADQL", "QUERY", "SELECT 1"));

        assertThat(job.phase()).isEqualTo(QUEUED);
        assertThat(cluster.store().find(job.id()).orElseThrow().phase()).isEqualTo(QUEUED);
        assertThat(cluster.queue().contains(job.id())).isTrue();
        assertThat(cluster.heardAbout(job.id())).containsExactly(QUEUED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABORT", "SUSPEND", "EXECUTING", ""})
    void aPhaseOtherThanRunAtCreationIsAnInvalidRequestNamingPhaseAndCreatesNothing(String phase) {
        refused(() -> jobs.create(ALICE, parameters("QUERY", "SELECT 1", "PHASE", phase)),
                ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("PHASE")
                .hasMessageContaining("RUN");

        assertThat(cluster.store().list(JobFilter.all()).jobs()).isEmpty();
    }

    @Test
    void theExecutionDurationAskedForIsGrantedUpToThePolicysMaximum() {
        assertThat(createdWith("EXECUTIONDURATION", "120").executionDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(createdWith("executionDuration", " 60 ").executionDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(createdWith("EXECUTIONDURATION", "86400").executionDuration())
                .isEqualTo(POLICY.maxExecutionDuration());
        assertThat(createdWith("EXECUTIONDURATION", "99999999999999").executionDuration())
                .isEqualTo(POLICY.maxExecutionDuration());
    }

    @Test
    void anExecutionDurationOfZeroMeaningUnlimitedGetsThePolicysMaximum() {
        assertThat(createdWith("EXECUTIONDURATION", "0").executionDuration()).isEqualTo(POLICY.maxExecutionDuration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "ten", "1.5", "", "PT10S"})
    void aMalformedExecutionDurationIsRefusedNamingTheParameterAndTheValue(String value) {
        refused(() -> createdWith("EXECUTIONDURATION", value), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("EXECUTIONDURATION")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theDestructionAskedForIsGrantedUpToThePolicysLongestLifetime() {
        assertThat(createdWith("DESTRUCTION", "2025-03-02T08:30:00Z").destruction())
                .isEqualTo(Instant.parse("2025-03-02T08:30:00Z"));
        assertThat(createdWith("destruction", "2025-03-03").destruction())
                .isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(createdWith("DESTRUCTION", "2099-01-01T00:00:00Z").destruction())
                .isEqualTo(START.plus(POLICY.maxLifetime()));
    }

    @Test
    void aMalformedDestructionIsRefusedNamingTheParameter() {
        refused(() -> createdWith("DESTRUCTION", "next week"), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("DESTRUCTION")
                .hasMessageContaining("next week");
    }

    @Test
    void theControlParametersSteerTheJobAndAreNotAmongItsParameters() {
        Job job = jobs.create(ALICE, parameters("phase", "RUN", "LANG", "ADQL", "ExecutionDuration", "30",
                "QUERY", "SELECT 1", "DESTRUCTION", "2025-03-02"));

        assertThat(job.parameters()).containsExactlyElementsOf(parameters("LANG", "ADQL", "QUERY", "SELECT 1"));
        assertThat(job.phase()).isEqualTo(QUEUED);
        assertThat(job.executionDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void runIdIsTheJobsRunIdAndStaysAmongItsParametersForTheQuery() {
        Job job = jobs.create(ANONYMOUS, parameters("QUERY", "SELECT 1", "RUNID", "survey-42"));

        assertThat(job.runId()).contains("survey-42");
        assertThat(job.parameter("RUNID")).contains("survey-42");
    }

    // ---- who sees a job ---------------------------------------------------------------------

    @Test
    void anOwnersJobIsInvisibleToOtherCallersAndToAnonymousOnesAsIfItDidNotExist() {
        Job job = cluster.pending();

        assertThat(jobs.get(job.id(), ALICE)).isEqualTo(job);
        for (Optional<String> stranger : List.of(BOB, ANONYMOUS)) {
            refused(() -> jobs.get(job.id(), stranger), ErrorKind.NOT_FOUND)
                    .hasMessageStartingWith("no job " + job.id() + " ");
        }
    }

    @Test
    void anAnonymousJobIsVisibleToWhoeverKnowsItsId() {
        Job job = jobs.create(ANONYMOUS, parameters("QUERY", "SELECT 1"));

        assertThat(jobs.get(job.id(), ANONYMOUS)).isEqualTo(job);
        assertThat(jobs.get(job.id(), BOB)).isEqualTo(job);
    }

    @Test
    void aJobThatNeverExistedIsNotFound() {
        refused(() -> jobs.get(unknownId(), ALICE), ErrorKind.NOT_FOUND);
    }

    @Test
    void theJobListShowsTheJobsTheFilterSelects() {
        Job alices = cluster.pending();
        Job anonymous = jobs.create(ANONYMOUS, parameters("QUERY", "SELECT 1"));

        assertThat(jobs.list(JobFilter.all().withOwner(OwnerFilter.of(ALICE))).jobs())
                .extracting(JobRef::id).containsExactly(alices.id());
        assertThat(jobs.list(JobFilter.all().withOwner(OwnerFilter.of(ANONYMOUS))).jobs())
                .extracting(JobRef::id).containsExactly(anonymous.id());
    }

    // ---- PHASE=RUN --------------------------------------------------------------------------

    @Test
    void runQueuesAPendingJobOnceAndARepeatedRunChangesNothing() {
        Job job = cluster.pending();

        Job first = jobs.run(job.id());
        Job second = jobs.run(job.id());

        assertThat(first.phase()).isEqualTo(QUEUED);
        assertThat(second).isEqualTo(first);
        assertThat(cluster.queue().contains(job.id())).isTrue();
        assertThat(cluster.heardAbout(job.id())).containsExactly(QUEUED);
    }

    @Test
    void runQueuesAJobTheServiceHeld() {
        Job held = cluster.jobIn(ExecutionPhase.HELD);

        assertThat(jobs.run(held.id()).phase()).isEqualTo(QUEUED);
        assertThat(cluster.queue().contains(held.id())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"EXECUTING", "COMPLETED", "ERROR", "ABORTED"})
    void runOfAJobAlreadyRunningOrFinishedLeavesItAsItIs(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);
        List<ExecutionPhase> heardBefore = cluster.heardAbout(job.id());

        assertThat(jobs.run(job.id())).isEqualTo(job);
        assertThat(cluster.heardAbout(job.id())).isEqualTo(heardBefore);
    }

    @Test
    void runBeyondTheOwnersQueuedQuotaIsRefusedAsOverQuotaAndTheJobStaysPending() {
        Quota oneQueued = new Quota(OptionalInt.empty(), OptionalInt.of(1), OptionalLong.empty(), Optional.empty());
        jobs.run(cluster.pending().id(), oneQueued);
        Job second = cluster.pending();

        refused(() -> jobs.run(second.id(), oneQueued), ErrorKind.OVER_QUOTA)
                .hasMessageContaining("you have 1 jobs QUEUED, the most your quota allows (1)");

        assertThat(jobs.get(second.id(), ALICE).phase()).isEqualTo(PENDING);
        assertThat(cluster.queue().contains(second.id())).isFalse();
        assertThat(cluster.heardAbout(second.id())).isEmpty();
    }

    @Test
    void aCreationWithRunBeyondTheQuotaCreatesNoJob() {
        Quota noneQueued = new Quota(OptionalInt.empty(), OptionalInt.of(0), OptionalLong.empty(), Optional.empty());

        refused(() -> jobs.create(ALICE, noneQueued, parameters("PHASE", "RUN", "LANG", "ADQL", "QUERY", "SELECT 1"),
                UploadParts.none(), "/async"), ErrorKind.OVER_QUOTA);

        assertThat(jobs.list(JobFilter.all().withOwner(OwnerFilter.of(ALICE))).jobs()).isEmpty();
    }

    @Test
    void runOfAnUnknownJobIsNotFound() {
        refused(() -> jobs.run(unknownId()), ErrorKind.NOT_FOUND);
    }

    // ---- PHASE=ABORT (UWS 2.1.4) ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "QUEUED", "EXECUTING", "HELD", "SUSPENDED"})
    void abortEndsEveryUnfinishedJobAsAbortedWithAnEndTimeAndTellsEveryInstance(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);
        cluster.clock().advance(Duration.ofSeconds(5));

        Job aborted = jobs.abort(job.id());

        assertThat(aborted.phase()).isEqualTo(ABORTED);
        assertThat(aborted.endTime()).contains(START.plusSeconds(5));
        assertThat(aborted.error()).as("a client's ABORT is no error").isEmpty();
        assertThat(cluster.store().find(job.id())).contains(aborted);
        assertThat(cluster.heardAbout(job.id())).endsWith(ABORTED);
        assertThat(cluster.queue().contains(job.id())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "ERROR", "ABORTED"})
    void abortOfAFinishedJobChangesNothing(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);
        List<ExecutionPhase> heardBefore = cluster.heardAbout(job.id());
        cluster.clock().advance(Duration.ofSeconds(5));

        assertThat(jobs.abort(job.id())).isEqualTo(job);
        assertThat(cluster.store().find(job.id())).contains(job);
        assertThat(cluster.heardAbout(job.id())).isEqualTo(heardBefore);
    }

    @Test
    void aJobOverrunningItsExecutionDurationIsAbortedWithAnErrorSummarySayingSo() {
        Job job = cluster.jobIn(EXECUTING);

        Job aborted = jobs.abortOverrun(job.id());

        assertThat(aborted.phase()).isEqualTo(ABORTED);
        assertThat(aborted.error()).hasValueSatisfying(error -> {
            assertThat(error.type()).isEqualTo(ErrorType.FATAL);
            assertThat(error.message()).contains("execution duration of 600 s").contains("EXECUTIONDURATION");
        });
        assertThat(cluster.heardAbout(job.id())).endsWith(ABORTED);
    }

    @Test
    void abortOfAnUnknownJobIsNotFound() {
        refused(() -> jobs.abort(unknownId()), ErrorKind.NOT_FOUND);
        refused(() -> jobs.abortOverrun(unknownId()), ErrorKind.NOT_FOUND);
    }

    // ---- DELETE (UWS 2.2.3.2) ---------------------------------------------------------------

    @Test
    void deletingARunningJobAbortsItFirstThenForgetsItAndItsResults() throws IOException {
        Job job = cluster.jobIn(EXECUTING);
        cluster.writeResult(job.id(), "partial");

        assertThat(jobs.delete(job.id())).isTrue();

        assertThat(cluster.heardAbout(job.id())).endsWith(ABORTED);
        assertThat(cluster.store().find(job.id())).isEmpty();
        assertThat(cluster.resultText(job.id())).isEmpty();
        assertThat(cluster.queue().contains(job.id())).isFalse();
    }

    @Test
    void deletingAQueuedJobTakesItOffTheQueue() {
        Job job = cluster.jobIn(QUEUED);

        jobs.delete(job.id());

        assertThat(cluster.queue().contains(job.id())).isFalse();
        assertThat(cluster.queue().claim(Cluster.LEASE, START)).isEmpty();
    }

    @Test
    void deletingAFinishedJobForgetsItAndItsResultsWithoutAnAbort() throws IOException {
        Job job = cluster.jobIn(COMPLETED);
        cluster.writeResult(job.id(), "a,b\n1,2\n");
        List<ExecutionPhase> heardBefore = cluster.heardAbout(job.id());

        assertThat(jobs.delete(job.id())).isTrue();

        assertThat(cluster.store().find(job.id())).isEmpty();
        assertThat(cluster.resultText(job.id())).isEmpty();
        assertThat(cluster.heardAbout(job.id())).isEqualTo(heardBefore);
    }

    @Test
    void deletingAJobThatDoesNotExistSaysSo() {
        assertThat(jobs.delete(unknownId())).isFalse();
    }

    // ---- parameters, execution duration, destruction (UWS 2.1.11, 2.2.3.3, 2.2.3.4) ---------

    @Test
    void theParametersOfAPendingJobMayBeChangedEachNameReplacingItsValues() {
        Job job = cluster.pending();

        Job changed = jobs.setParameters(job.id(), parameters("QUERY", "SELECT 2", "MAXREC", "10"));

        assertThat(changed.parameters()).containsExactlyElementsOf(parameters("LANG", "ADQL", "QUERY", "SELECT 2",
                "MAXREC", "10"));
        assertThat(cluster.store().find(job.id())).contains(changed);
    }

    @Test
    void aRunIdSetAmongTheParametersOfAPendingJobBecomesItsRunId() {
        Job job = cluster.pending();

        Job changed = jobs.setParameters(job.id(), parameters("RUNID", "second-try"));

        assertThat(changed.parameter("RUNID")).contains("second-try");
        assertThat(changed.runId()).as("the job's runId and its RUNID parameter agree").contains("second-try");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PHASE", "executionDuration", "DESTRUCTION"})
    void aControlParameterIsNotAJobParameterAndIsRefusedNamingItsOwnResource(String name) {
        Job job = cluster.pending();

        refused(() -> jobs.setParameters(job.id(), parameters(name, "1")), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining(name);
        assertThat(cluster.store().find(job.id())).contains(job);
    }

    @Test
    void theExecutionDurationOfAPendingJobIsSetWithinThePolicy() {
        Job job = cluster.pending();

        assertThat(jobs.setExecutionDuration(job.id(), "30").executionDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jobs.setExecutionDuration(job.id(), "0").executionDuration())
                .isEqualTo(POLICY.maxExecutionDuration());
        refused(() -> jobs.setExecutionDuration(job.id(), "soon"), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("EXECUTIONDURATION");
    }

    @ParameterizedTest
    @EnumSource(names = {"QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED", "HELD"})
    void parametersAndExecutionDurationOfAJobNoLongerPendingAreRefusedNamingItsPhase(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);

        refused(() -> jobs.setParameters(job.id(), parameters("QUERY", "SELECT 2")), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("is " + phase)
                .hasMessageContaining("PENDING");
        refused(() -> jobs.setExecutionDuration(job.id(), "30"), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("is " + phase);
        assertThat(cluster.store().find(job.id())).contains(job);
    }

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED"})
    void theDestructionTimeMayBeMovedInAnyPhaseUpToTheLongestLifetime(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);

        assertThat(jobs.setDestruction(job.id(), "2025-03-20T00:00:00Z").destruction())
                .isEqualTo(Instant.parse("2025-03-20T00:00:00Z"));
        assertThat(jobs.setDestruction(job.id(), "2030-01-01").destruction())
                .isEqualTo(job.creationTime().plus(POLICY.maxLifetime()));
    }

    @Test
    void aMalformedDestructionTimeIsRefusedNamingTheParameter() {
        Job job = cluster.pending();

        refused(() -> jobs.setDestruction(job.id(), "2025-03-20 00:00"), ErrorKind.INVALID_REQUEST)
                .hasMessageContaining("DESTRUCTION");
    }

    @Test
    void changesToAJobThatDoesNotExistAreNotFound() {
        JobId unknown = unknownId();

        refused(() -> jobs.setParameters(unknown, parameters("QUERY", "SELECT 1")), ErrorKind.NOT_FOUND);
        refused(() -> jobs.setExecutionDuration(unknown, "30"), ErrorKind.NOT_FOUND);
        refused(() -> jobs.setDestruction(unknown, "2025-03-20"), ErrorKind.NOT_FOUND);
    }

    // ---- blocking WAIT (UWS 2.2.1.1) --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "ERROR", "ABORTED", "HELD", "SUSPENDED"})
    void aWaitForAJobNotInAnActivePhaseReturnsAtOnce(ExecutionPhase phase) {
        Job job = cluster.jobIn(phase);

        Job answered = assertTimeoutPreemptively(PATIENCE,
                () -> jobs.await(job.id(), ALICE, Optional.empty(), Duration.ofHours(1)));

        assertThat(answered).isEqualTo(job);
    }

    @Test
    void aWaitInAPhaseTheJobHasLeftReturnsAtOnce() {
        Job job = cluster.jobIn(QUEUED);

        Job answered = assertTimeoutPreemptively(PATIENCE,
                () -> jobs.await(job.id(), ALICE, Optional.of(PENDING), Duration.ofHours(1)));

        assertThat(answered.phase()).isEqualTo(QUEUED);
    }

    @Test
    void aWaitReturnsWhenTheJobChangesPhaseBeforeItsTime() throws Exception {
        Job job = cluster.pending();
        CompletableFuture<Job> waiting = waitInBackground(job.id(), Optional.of(PENDING));

        Cluster.await(() -> cluster.waiters().size() == 1, "the WAIT to register");
        jobs.run(job.id());

        assertThat(waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).phase()).isEqualTo(QUEUED);
    }

    @Test
    void aWaitWithoutAPhaseWaitsInThePhaseTheJobIsInAndSeesItFinish() throws Exception {
        Job job = cluster.jobIn(EXECUTING);
        CompletableFuture<Job> waiting = waitInBackground(job.id(), Optional.empty());

        Cluster.await(() -> cluster.waiters().size() == 1, "the WAIT to register");
        // ABORTED, being final, ends the WAIT whether it read the job before or after the change
        jobs.abort(job.id());

        assertThat(waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).phase()).isEqualTo(ABORTED);
        assertThat(cluster.waiters().size()).as("the finished WAIT left no waiter behind").isZero();
    }

    @Test
    void aWaitForAJobOfAnotherOwnerIsNotFoundAndLeavesNoWaiter() {
        Job job = cluster.pending();

        refused(() -> jobs.await(job.id(), BOB, Optional.empty(), Duration.ofSeconds(1)), ErrorKind.NOT_FOUND);
        assertThat(cluster.waiters().size()).isZero();
    }

    @Test
    void aWaitOnWhichNothingHappensReturnsTheJobAsItIsWhenTheTimeAskedForRunsOut() {
        Job job = cluster.pending();

        Job answered = assertTimeoutPreemptively(PATIENCE,
                () -> jobs.await(job.id(), ALICE, Optional.empty(), Duration.ofMillis(200)));

        assertThat(answered.phase()).isEqualTo(PENDING);
        assertThat(cluster.waiters().size()).isZero();
    }

    @Test
    void aWaitForAsLongAsAllowedEndsAtTheServicesCap(@TempDir Path otherResults) {
        JobPolicy shortWaits = new JobPolicy(POLICY.defaultExecutionDuration(), POLICY.maxExecutionDuration(),
                POLICY.defaultLifetime(), POLICY.maxLifetime(), Duration.ofMillis(200));
        try (Cluster impatient = Cluster.start(otherResults, shortWaits)) {
            Job job = impatient.pending();

            Job answered = assertTimeoutPreemptively(PATIENCE,
                    () -> impatient.jobs().await(job.id(), ALICE, Optional.empty(), Duration.ofSeconds(-1)));

            assertThat(answered.phase()).isEqualTo(PENDING);
        }
    }

    // ---- results ----------------------------------------------------------------------------

    @Test
    void aListedResultIsStreamedFromTheResultStore() throws IOException {
        Job job = cluster.jobIn(COMPLETED);
        cluster.writeResult(job.id(), "id\n1\n");

        try (InputStream in = jobs.openResult(job, Result.MAIN)) {
            assertThat(in).hasContent("id\n1\n");
        }
    }

    @Test
    void aResultTheJobDoesNotListIsNotFoundEvenIfItsBytesExist() throws IOException {
        Job pending = cluster.pending();
        cluster.writeResult(pending.id(), "stray bytes");
        Job completed = cluster.jobIn(COMPLETED);

        refused(() -> jobs.openResult(pending, Result.MAIN), ErrorKind.NOT_FOUND)
                .hasMessageContaining("it is PENDING");
        refused(() -> jobs.openResult(completed, "log"), ErrorKind.NOT_FOUND)
                .hasMessageContaining("'log'");
    }

    @Test
    void aListedResultMissingFromTheStoreIsTheServicesFailure() {
        Job completed = cluster.jobIn(COMPLETED);

        refused(() -> jobs.openResult(completed, Result.MAIN), ErrorKind.SERVICE_FAILURE);
    }

    // ---- destruction (UWS 2.1.5) ------------------------------------------------------------

    @Test
    void aJobIsNotDestroyedBeforeItsDestructionTime() throws IOException {
        Job job = cluster.jobIn(COMPLETED);
        cluster.writeResult(job.id(), "kept");
        cluster.clock().advance(POLICY.defaultLifetime().minusSeconds(1));

        assertThat(jobs.destroyIfDue(job.id())).isFalse();

        assertThat(cluster.store().find(job.id())).contains(job);
        assertThat(cluster.resultText(job.id())).contains("kept");
    }

    @Test
    void aJobPastItsDestructionTimeIsDestroyedWithItsResults() throws IOException {
        Job job = cluster.jobIn(COMPLETED);
        cluster.writeResult(job.id(), "gone");
        cluster.clock().advance(POLICY.defaultLifetime());

        assertThat(jobs.destroyIfDue(job.id())).isTrue();

        assertThat(cluster.store().find(job.id())).isEmpty();
        assertThat(cluster.resultText(job.id())).isEmpty();
    }

    @Test
    void aRunningJobPastItsDestructionTimeIsAbortedThenDestroyed() {
        Job job = cluster.jobIn(EXECUTING);
        cluster.clock().advance(POLICY.defaultLifetime().plusSeconds(1));

        assertThat(jobs.destroyIfDue(job.id())).isTrue();

        assertThat(cluster.heardAbout(job.id())).endsWith(ABORTED);
        assertThat(cluster.store().find(job.id())).isEmpty();
    }

    @Test
    void theResultsOfAJobTheStoreNoLongerKnowsAreDeleted() throws IOException {
        JobId forgotten = unknownId();
        cluster.writeResult(forgotten, "orphan");

        assertThat(jobs.destroyIfDue(forgotten)).isTrue();

        assertThat(cluster.resultText(forgotten)).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Job createdWith(String name, String value) {
        return jobs.create(ALICE, List.of(Parameter.of("QUERY", "SELECT 1"), Parameter.of(name, value)));
    }

    private CompletableFuture<Job> waitInBackground(JobId id, Optional<ExecutionPhase> phase) {
        CompletableFuture<Job> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(jobs.await(id, ALICE, phase, Duration.ofHours(1)));
            } catch (InterruptedException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static JobId unknownId() {
        return JobId.random(new SecureRandom());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(ThrowingCallable call, ErrorKind kind) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(TapException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
