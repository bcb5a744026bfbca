package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.PATIENCE;
import static org.tapservice.core.async.Cluster.START;
import static org.tapservice.core.async.Cluster.parameters;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.ERROR;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.testing.UploadedBytes;
import org.tapservice.core.uws.ErrorType;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

import uk.ac.starlink.votable.DataFormat;

/**
 * One claimed TAP job run by hand, as a worker runs it (TAP 1.1 section 3, UWS 2.1.3): its
 * parameters make the same query the sync endpoint would run, the result lands in the result
 * store as {@value Result#MAIN}, and the job ends COMPLETED or ERROR unless someone ended it
 * first. The queries run on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunnerTest {

    private static final String THREE_SOURCES = "SELECT id, name FROM science.sources WHERE id < 3 ORDER BY id";

    private SampleArchive archive;

    @TempDir
    Path resultDirectory;

    private Cluster cluster;
    private JobRunner runner;

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
        runner = archive.runner(cluster);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aJobCompletesWithTheResultTheSyncEndpointWouldHaveAnswered() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES, "RESPONSEFORMAT", "csv");
        cluster.clock().advance(Duration.ofSeconds(5));

        Optional<ExecutionPhase> ended = runner.run(lease, runner.controlFor(lease.job()));

        SampleArchive.Answer expected = archive.syncAnswer(THREE_SOURCES, Optional.of("csv"));
        assertThat(ended).contains(COMPLETED);
        Job done = cluster.store().find(lease.id()).orElseThrow();
        assertThat(done.phase()).isEqualTo(COMPLETED);
        assertThat(done.endTime()).contains(START.plusSeconds(5));
        assertThat(done.results().getFirst()).isEqualTo(expected.asResult());
        assertThat(expected.contentType()).startsWith("text/csv");
        assertThat(cluster.resultText(lease.id())).contains(expected.text());
        assertThat(expected.text()).startsWith("id,name\n0,src-0\n1,src-1\n2,src-2\n");
        assertThat(cluster.heardAbout(lease.id())).endsWith(COMPLETED);
        assertThat(cluster.queue().contains(lease.id())).isFalse();
    }

    @Test
    void theRunWritesItsProgressToTheJobsLogRowsAndBytesIncluded() throws IOException {
        Lease lease = claimed("QUERY", "SELECT id FROM science.sources ORDER BY id", "MAXREC", "2",
                "FORMAT", "csv");

        runner.run(lease, runner.controlFor(lease.job()));

        // a CSV job stores the BINARY2 copy other formats are made from, then its CSV from that
        List<Result> results = cluster.store().find(lease.id()).orElseThrow().results();
        assertThat(cluster.log().events(lease.id())).containsExactly("query started", "first rows after 0 ms",
                "rows written: 2 (MAXREC reached, result truncated)",
                "result stored: " + results.get(1).size() + " bytes", "result stored: " + results.get(0).size() + " bytes");
        assertThat(cluster.log().read(lease.id())).allSatisfy(line -> assertThat(line.instance())
                .isEqualTo("instance-1"));
    }

    @Test
    void withoutAResponseFormatTheResultIsTheVOTableTheSyncEndpointWouldHaveAnswered() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES);

        runner.run(lease, runner.controlFor(lease.job()));

        SampleArchive.Answer expected = archive.syncAnswer(THREE_SOURCES, Optional.empty());
        assertThat(cluster.store().find(lease.id()).orElseThrow().results()).containsExactly(expected.asResult());
        assertThat(expected.contentType()).startsWith("application/x-votable+xml");
        assertThat(cluster.resultText(lease.id())).contains(expected.text());
    }

    @Test
    void aResultAskedForInAFormatOtherThanVOTableKeepsTheBinary2ResultItWasConvertedFrom() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES, "RESPONSEFORMAT", "csv");

        runner.run(lease, runner.controlFor(lease.job()));

        Job done = cluster.store().find(lease.id()).orElseThrow();
        SampleArchive.Answer asked = archive.syncAnswer(THREE_SOURCES, Optional.of("csv"));
        assertThat(done.results()).extracting(Result::id).containsExactly(Result.MAIN, "result-votable");
        assertThat(done.results().getFirst()).isEqualTo(asked.asResult());
        assertThat(cluster.resultText(lease.id())).contains(asked.text());
        Result binary2 = done.results().get(1);
        assertThat(binary2.mimeType()).isEqualTo("application/x-votable+xml;serialization=BINARY2");
        try (InputStream in = cluster.results().open(lease.id(), "result-votable").orElseThrow()) {
            assertThat((long) in.readAllBytes().length).isEqualTo(binary2.size());
        }
    }

    @Test
    void aVOTableInAnotherSerializationIsStoredAsTheQueryWroteIt() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES, "RESPONSEFORMAT", "votable/td");

        runner.run(lease, runner.controlFor(lease.job()));

        Job done = cluster.store().find(lease.id()).orElseThrow();
        SampleArchive.Answer asked = archive.syncAnswer(THREE_SOURCES, Optional.of("votable/td"));
        assertThat(done.results()).extracting(Result::id).containsExactly(Result.MAIN);
        assertThat(cluster.resultText(lease.id()).map(JobRunnerTest::withoutDate)).contains(withoutDate(asked.text()));
    }

    /** A result's text without REQUEST_DATE, the one INFO two runs of a query differ in. */
    private static String withoutDate(String votable) {
        return votable.replaceAll("<INFO name=\"REQUEST_DATE\" value=\"[^\"]*\"/>", "");
    }

    @Test
    void theJobsParametersAreReadAsTheSyncEndpointReadsThem() throws IOException {
        Lease lease = claimed("QUERY", "SELECT id FROM science.sources ORDER BY id", "MAXREC", "2",
                "FORMAT", "csv");

        runner.run(lease, runner.controlFor(lease.job()));

        assertThat(cluster.resultText(lease.id())).contains("id\n0\n1\n");
    }

    @Test
    void aJobRunsOnTheUploadsStoredWhenItWasCreated() throws IOException {
        Job job = cluster.jobs().create(ALICE, Quota.UNLIMITED, parameters("LANG", "ADQL", "FORMAT", "csv",
                "UPLOAD", "pos,param:list",
                "QUERY", """
                        SELECT u.id, s.id AS source FROM TAP_UPLOAD.pos AS u JOIN science.sources AS s
                        ON 1 = CONTAINS(POINT(u.ra, u.dec), CIRCLE(s.ra, s.dec, 0.01)) ORDER BY u.id"""),
                UploadedBytes.parts(Map.of("list",
                        UploadedBytes.votable(UploadedBytes.positions(), DataFormat.BINARY2))),
                "https://tap.example.org/tap/async");
        Lease lease = cluster.claim(job.id());

        assertThat(runner.run(lease, runner.controlFor(lease.job()))).contains(COMPLETED);
        assertThat(cluster.resultText(lease.id())).contains("id,source\n100,0\n105,5\n109,9\n");
    }

    @Test
    void anUploadNamingAPartTheJobWasNotSentEndsInErrorWithTheSyncMessage() {
        Lease lease = claimed("QUERY", "SELECT * FROM TAP_UPLOAD.t", "UPLOAD", "t,param:t");

        assertThat(runner.run(lease, runner.controlFor(lease.job()))).contains(ERROR);
        assertThat(cluster.store().find(lease.id()).orElseThrow().error().orElseThrow().message())
                .startsWith("UPLOAD t,param:t names no part of the request");
    }

    @Test
    void anInvalidQueryEndsInErrorWithTheTranslatorsMessageAndNoResult() throws IOException {
        Lease lease = claimed("QUERY", "SELECT no_such_column FROM science.sources");

        Optional<ExecutionPhase> ended = runner.run(lease, runner.controlFor(lease.job()));

        assertThat(ended).contains(ERROR);
        Job failed = cluster.store().find(lease.id()).orElseThrow();
        assertThat(failed.error()).hasValueSatisfying(error -> {
            assertThat(error.type()).isEqualTo(ErrorType.FATAL);
            assertThat(error.message()).startsWith("invalid ADQL query: ").contains("no_such_column");
        });
        assertThat(failed.results()).isEmpty();
        assertThat(failed.endTime()).contains(START);
        assertThat(cluster.resultText(lease.id())).isEmpty();
        assertThat(cluster.heardAbout(lease.id())).endsWith(ERROR);
    }

    @Test
    void aJobWithoutAQueryEndsInErrorSayingWhatIsMissing() {
        Lease lease = cluster.claim(cluster.jobs().create(ALICE, parameters("LANG", "ADQL")).id());

        runner.run(lease, runner.controlFor(lease.job()));

        assertThat(cluster.store().find(lease.id()).orElseThrow().error()).hasValueSatisfying(
                error -> assertThat(error.message()).contains("missing parameter: QUERY"));
    }

    @Test
    void aWorkerFinishingAfterAnAbortDoesNotOverwriteIt() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES);
        // nobody hears this ABORT on the runner's behalf: its query runs to the end regardless
        Job aborted = cluster.jobs().abort(lease.id());

        Optional<ExecutionPhase> ended = runner.run(lease, runner.controlFor(lease.job()));

        assertThat(ended).contains(ABORTED);
        assertThat(cluster.store().find(lease.id())).contains(aborted);
        assertThat(cluster.heardAbout(lease.id())).doesNotContain(COMPLETED);
    }

    @Test
    void aJobDeletedWhileItRanLeavesNoResultBehind() throws IOException {
        Lease lease = claimed("QUERY", THREE_SOURCES);
        cluster.jobs().delete(lease.id());

        Optional<ExecutionPhase> ended = runner.run(lease, runner.controlFor(lease.job()));

        assertThat(ended).contains(ExecutionPhase.UNKNOWN);
        assertThat(cluster.store().find(lease.id())).isEmpty();
        assertThat(cluster.resultText(lease.id())).as("what the run stored belonged to nobody").isEmpty();
    }

    @Test
    void aRunCancelledBeforeItsStatementStartsNeverRunsItAndLeavesTheJobToWhoeverCancelled() throws IOException {
        Lease lease = claimed("QUERY", SampleArchive.SLOW_QUERY);
        QueryControl control = runner.controlFor(lease.job());
        control.cancel();

        // were the statement started, it would sleep an hour
        Optional<ExecutionPhase> ended = assertTimeoutPreemptively(PATIENCE, () -> runner.run(lease, control));

        assertThat(ended).isEmpty();
        assertThat(cluster.store().find(lease.id())).contains(lease.job());
        assertThat(cluster.resultText(lease.id())).isEmpty();
        assertThat(cluster.heardAbout(lease.id())).doesNotContain(COMPLETED, ERROR);
    }

    @Test
    void aRunMayTakeItsJobsExecutionDurationAndTheGraceBeforePostgresStopsIt() {
        Lease lease = cluster.claim(cluster.jobs().create(ALICE, parameters("QUERY", THREE_SOURCES,
                "EXECUTIONDURATION", "30")).id());

        assertThat(runner.controlFor(lease.job()).timeLimit())
                .contains(Duration.ofSeconds(30).plus(SampleArchive.GRACE));
        assertThat(lease.job().phase()).isEqualTo(EXECUTING);
    }

    /** Alice's job with these parameters and LANG=ADQL, claimed as a worker claims it. */
    private Lease claimed(String... namesAndValues) {
        List<Parameter> parameters = new ArrayList<>(parameters("LANG", "ADQL"));
        parameters.addAll(parameters(namesAndValues));
        return cluster.claim(cluster.jobs().create(ALICE, parameters).id());
    }
}
