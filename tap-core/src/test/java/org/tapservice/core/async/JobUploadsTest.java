package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.testing.UploadedBytes;
import org.tapservice.core.upload.UploadContent;
import org.tapservice.core.upload.UploadFormat;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.Parameter;

import uk.ac.starlink.votable.DataFormat;

/**
 * An async job's inline uploads outlive the request that brought them: they are kept in the
 * shared store, where a run on any instance reads them, and go when the job goes.
 */
class JobUploadsTest {

    private static final String JOBS = "https://tap.example.org/tap/async";

    @TempDir
    Path resultDirectory;

    private Cluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(resultDirectory);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private Job create(Map<String, UploadedBytes> parts, String... namesAndValues) {
        return cluster.jobs().create(ALICE, Quota.UNLIMITED, parameters(namesAndValues), UploadedBytes.parts(parts),
                JOBS);
    }

    @Test
    void eachPartIsStoredAndKeptAsAParameterByReferenceToItsCopy() throws IOException {
        UploadedBytes votable = UploadedBytes.votable(UploadedBytes.positions(), DataFormat.BINARY2);

        Job job = create(Map.of("list", votable), "LANG", "ADQL", "QUERY", "SELECT * FROM TAP_UPLOAD.t",
                "UPLOAD", "t,param:list");

        assertThat(job.parameters()).containsExactly(Parameter.of("LANG", "ADQL"),
                Parameter.of("QUERY", "SELECT * FROM TAP_UPLOAD.t"), Parameter.of("UPLOAD", "t,param:list"),
                new Parameter("list", JOBS + "/" + job.id() + "/uploads/list.vot", true));
        assertThat(job.results()).as("a stored upload is no result").isEmpty();
        JobUploads.StoredUpload copy = cluster.jobs().openUpload(job, "list.vot");
        try (InputStream in = copy.content()) {
            assertThat(in.readAllBytes()).isEqualTo(votable.bytes());
        }
        assertThat(copy.mediaType()).isEqualTo("application/x-votable+xml");
    }

    @Test
    void aRunFindsTheStoredCopyInTheFormatItWasSentIn() throws IOException {
        UploadedBytes csv = UploadedBytes.text("<a>,b\n1,2\n", "text/csv");
        Job job = create(Map.of("t", csv), "QUERY", "SELECT * FROM TAP_UPLOAD.t", "UPLOAD", "t,param:t");

        UploadContent part = new JobUploads(cluster.results(), TestUploads.LIMITS).partsOf(job).part("t").orElseThrow();

        assertThat(UploadFormat.of("t", part)).isEqualTo(UploadFormat.CSV);
        try (InputStream in = part.open()) {
            assertThat(in.readAllBytes()).isEqualTo(csv.bytes());
        }
    }

    @Test
    void aFormFieldOfThePartsNameIsReplacedByTheReference() {
        Job job = create(Map.of("t", UploadedBytes.text("a\n1\n", "text/csv")), "QUERY", "q", "t", "a\n1\n",
                "UPLOAD", "t,param:t");

        assertThat(job.parameters()).extracting(Parameter::id).containsExactly("QUERY", "UPLOAD", "t");
        assertThat(job.parameters().getLast().byReference()).isTrue();
    }

    @Test
    void uploadsThatNameNoPartOrDoNotParseAreLeftToTheRunToReport() {
        Job job = create(Map.of(), "QUERY", "q", "UPLOAD", "t,param:missing", "UPLOAD", "1bad,param:x");

        assertThat(job.parameters()).extracting(Parameter::value).containsExactly("q", "t,param:missing",
                "1bad,param:x");
    }

    @Test
    void aPartOverTheByteLimitIsRefusedAndNoJobIsCreated() {
        UploadedBytes large = UploadedBytes.text("n\n" + "1\n".repeat((int) TestUploads.LIMITS.maxBytes()), "text/csv");

        assertThatThrownBy(() -> create(Map.of("t", large), "QUERY", "q", "UPLOAD", "t,param:t"))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("upload 't' has 20000002 bytes; this service accepts at most 10000000");
        assertThat(resultDirectory).isEmptyDirectory();
    }

    @Test
    void partsSentWithNewParametersOfAPendingJobAreStoredToo() throws IOException {
        Job job = create(Map.of(), "QUERY", "SELECT * FROM TAP_UPLOAD.t");

        Job changed = cluster.jobs().setParameters(job.id(), parameters("UPLOAD", "t,param:t"),
                UploadedBytes.parts(Map.of("t", UploadedBytes.text("a\n1\n", "text/csv"))), JOBS);

        assertThat(changed.parameters()).contains(new Parameter("t", JOBS + "/" + job.id() + "/uploads/t.csv", true));
        try (InputStream in = cluster.jobs().openUpload(changed, "t.csv").content()) {
            assertThat(in.readAllBytes()).hasSize(4);
        }
    }

    @Test
    void deletingTheJobDeletesItsUploads() {
        Job job = create(Map.of("t", UploadedBytes.text("a\n1\n", "text/csv")), "QUERY", "q", "UPLOAD", "t,param:t");

        cluster.jobs().delete(job.id());

        assertThat(resultDirectory.resolve(job.id().toString())).doesNotExist();
    }

    @Test
    void onlyStoredCopiesAreServedAsUploads() {
        Job job = create(Map.of("t", UploadedBytes.text("a\n1\n", "text/csv")), "QUERY", "q", "UPLOAD", "t,param:t");

        for (String file : new String[] {"t.vot", "result", "t", "../t.csv", ".csv"}) {
            assertThatThrownBy(() -> cluster.jobs().openUpload(job, file)).isInstanceOfSatisfying(TapException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        }
    }
}
