package org.tapservice.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.uws.JobId;

/**
 * Results in a directory obey the contract of every result store, and keep the old file for
 * the readers that opened it.
 */
class DirectoryResultStoreTest extends ResultStoreContract {

    @TempDir
    Path root;

    @Override
    protected ResultStore newStore(int chunkSize) {
        return new DirectoryResultStore(root);
    }

    @Test
    void aResultIsAFileNamedByItsIdInItsJobsDirectory() throws IOException {
        JobId job = newJob();
        byte[] content = content(CHUNK + 1, 1);

        write(job, "result", content);

        assertThat(files()).containsExactly(root.resolve(job.value()).resolve("result"));
        assertThat(root.resolve(job.value()).resolve("result")).hasBinaryContent(content);
    }

    @Test
    void aResultBeingWrittenIsATemporaryFileThatNoResultIdCanName() throws IOException {
        JobId job = newJob();

        try (OutputStream out = store.create(job, "result")) {
            out.write(content(3 * CHUNK, 2));

            assertThat(files()).singleElement()
                    .satisfies(file -> assertThat(file.getFileName().toString()).startsWith("result~"));
        }
        assertThat(files()).containsExactly(root.resolve(job.value()).resolve("result"));
    }

    @Test
    void aReaderOpenedBeforeARewriteReadsTheWholeOldResult() throws IOException {
        JobId job = newJob();
        byte[] old = content(4 * CHUNK, 3);
        write(job, "result", old);

        try (InputStream before = store.open(job, "result").orElseThrow()) {
            byte[] head = before.readNBytes(CHUNK + 1);
            write(job, "result", content(2 * CHUNK, 4));
            byte[] rest = before.readAllBytes();

            assertThat(head.length + rest.length).isEqualTo(old.length);
            assertThat(old).startsWith(head).endsWith(rest);
        }
    }

    @Test
    void aReaderOpenedBeforeItsJobWasDeletedReadsTheWholeResult() throws IOException {
        JobId job = newJob();
        byte[] content = content(3 * CHUNK, 5);
        write(job, "result", content);

        try (InputStream before = store.open(job, "result").orElseThrow()) {
            store.delete(job);

            assertThat(before.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void deletingAJobLeavesNoFileOfItBehindNotEvenAFailedWritersTemporaryFile() throws IOException {
        JobId job = newJob();
        write(job, "result", content(CHUNK, 6));
        // never closed: it stands for a writer that died
        OutputStream abandoned = store.create(job, "log.txt");
        abandoned.write(content(2 * CHUNK, 7));

        store.delete(job);

        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aWriterWhoseJobIsDeletedLeavesNoTemporaryFileWhenItCloses() throws IOException {
        JobId job = newJob();
        OutputStream out = store.create(job, "result");
        out.write(content(2 * CHUNK, 8));
        store.delete(job);

        try {
            out.close();
        } catch (IOException expected) {
            // the contract's test checks the failure; this one what it leaves on disk
        }

        assertThat(files()).isEmpty();
    }

    @Test
    void theRootIsCreatedWhenTheFirstResultIsWritten() throws IOException {
        Path missing = root.resolve("results").resolve("async");
        ResultStore nested = new DirectoryResultStore(missing);
        JobId job = newJob();

        nested.delete(job);
        assertThat(nested.open(job, "result")).isEmpty();
        try (OutputStream out = nested.create(job, "result")) {
            out.write(1);
        }

        assertThat(missing.resolve(job.value()).resolve("result")).hasBinaryContent(new byte[] {1});
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
