package org.tapservice.core.results;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.core.uws.JobId;

/**
 * The contract of every {@link ResultStore}. A store's test extends this class and returns a
 * fresh store of its own from {@link #newStore(int)}, set up to cut results into chunks of
 * {@value #CHUNK} bytes where it cuts them at all, so that results of a few chunks, and
 * chunk borders at odd places, stay cheap to test; tap-core's test-jar carries it to the
 * modules that implement the port.
 *
 * <p>What a reader sees when the result it is reading is replaced differs by store and is
 * tested beside each store; the contract holds every store to the common part: a result that
 * fits in one chunk is read whole as it was opened, and no reader ever gets part of the old
 * result followed by part of the new one. The concurrency test waits at most
 * {@value #WAIT_SECONDS} seconds for anything.
 */
public abstract class ResultStoreContract {

    /** The chunk size every store under test is created with. */
    protected static final int CHUNK = 64;
    /** Tests write in pieces of this many bytes, so that writes straddle chunk borders. */
    private static final int PIECE = 7;
    private static final int THREADS = 8;
    private static final int WAIT_SECONDS = 20;

    private final SecureRandom random = new SecureRandom();

    /** The store under test, new for each test. */
    protected ResultStore store;

    /** A new store that no other test uses, cutting results into chunks of {@code chunkSize} bytes. */
    protected abstract ResultStore newStore(int chunkSize);

    @BeforeEach
    void createStore() {
        store = newStore(CHUNK);
    }

    // ---- writing and reading ---------------------------------------------------------------

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5})
    void aWrittenResultReadsBackByteForByte(int size) throws IOException {
        JobId job = newJob();
        byte[] content = content(size, 1);

        write(job, "result", content);

        assertThat(read(job, "result")).isEqualTo(content);
    }

    @Test
    void aResultWrittenAndReadOneByteAtATimeIsTheSame() throws IOException {
        JobId job = newJob();
        byte[] content = content(2 * CHUNK + 3, 2);

        try (OutputStream out = store.create(job, "result")) {
            for (byte b : content) {
                out.write(b);
            }
        }

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = store.open(job, "result").orElseThrow()) {
            for (int b = in.read(); b != -1; b = in.read()) {
                back.write(b);
            }
        }
        assertThat(back.toByteArray()).isEqualTo(content);
    }

    @Test
    void aResultWrittenInOneCallOfSeveralChunksReadsBackInOddPieces() throws IOException {
        JobId job = newJob();
        byte[] content = content(5 * CHUNK + 3, 3);

        try (OutputStream out = store.create(job, "result")) {
            out.write(content);
        }

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = store.open(job, "result").orElseThrow()) {
            for (byte[] piece = in.readNBytes(CHUNK - 3); piece.length > 0; piece = in.readNBytes(CHUNK - 3)) {
                back.write(piece);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(back.toByteArray()).isEqualTo(content);
    }

    @Test
    void aResultIsNotReadableBeforeItIsClosed() throws IOException {
        JobId job = newJob();
        byte[] content = content(3 * CHUNK + 5, 4);

        OutputStream out = store.create(job, "result");
        out.write(content);
        out.flush();

        assertThat(store.open(job, "result")).isEmpty();
        out.close();
        assertThat(read(job, "result")).isEqualTo(content);
    }

    @Test
    void closingAWriterTwiceIsHarmlessAndAClosedWriterTakesNoMoreBytes() throws IOException {
        JobId job = newJob();
        byte[] content = content(CHUNK + 1, 5);
        OutputStream out = store.create(job, "result");
        out.write(content);

        out.close();
        out.close();

        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
        assertThat(read(job, "result")).isEqualTo(content);
    }

    @Test
    void aResultThatWasNeverWrittenIsNotFound() throws IOException {
        JobId job = newJob();
        write(job, "result", content(CHUNK, 6));

        assertThat(store.open(newJob(), "result")).isEmpty();
        assertThat(store.open(job, "log.txt")).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ".", "..", "a/b", "../result", "/etc", "x y", "r\u00e9sultat", "a\\b"})
    void anIdThatIsNotASafeFileNameIsRefused(String resultId) {
        JobId job = newJob();

        assertThatThrownBy(() -> store.create(job, resultId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(job, resultId)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- rewriting -------------------------------------------------------------------------

    @Test
    void rewritingAResultReplacesItWhole() throws IOException {
        JobId job = newJob();
        write(job, "result", content(3 * CHUNK + 5, 7));
        byte[] shorter = content(CHUNK / 2, 8);

        write(job, "result", shorter);
        assertThat(read(job, "result")).isEqualTo(shorter);

        write(job, "result", new byte[0]);
        assertThat(read(job, "result")).isEmpty();
    }

    @Test
    void aRewriteStaysInvisibleUntilItIsClosed() throws IOException {
        JobId job = newJob();
        byte[] old = content(2 * CHUNK, 9);
        byte[] replacement = content(4 * CHUNK + 1, 10);
        write(job, "result", old);

        OutputStream out = store.create(job, "result");
        out.write(replacement);

        assertThat(read(job, "result")).isEqualTo(old);
        out.close();
        assertThat(read(job, "result")).isEqualTo(replacement);
    }

    @Test
    void aReaderOfAOneChunkResultOpenedBeforeARewriteReadsTheWholeOldResult() throws IOException {
        JobId job = newJob();
        byte[] old = content(CHUNK, 11);
        write(job, "result", old);

        try (InputStream before = store.open(job, "result").orElseThrow()) {
            write(job, "result", content(CHUNK, 12));

            assertThat(before.readAllBytes()).isEqualTo(old);
        }
    }

    /**
     * A store may keep the old result for its readers or fail them with an IOException; what it
     * may not do is hand over old bytes followed by new ones. Both versions have the same length,
     * so that only their bytes tell them apart.
     */
    @Test
    void aReaderOpenedBeforeARewriteNeverGetsAMixOfOldAndNew() throws IOException {
        JobId job = newJob();
        byte[] old = content(4 * CHUNK, 13);
        write(job, "result", old);

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream before = store.open(job, "result").orElseThrow()) {
            back.write(before.readNBytes(CHUNK + 1));
            write(job, "result", content(4 * CHUNK, 14));
            try {
                // transferTo, not readAllBytes: what arrived before a failure must be checked too
                before.transferTo(back);
            } catch (IOException failed) {
                assertThat(old).startsWith(back.toByteArray());
                return;
            }
        }
        assertThat(back.toByteArray()).isEqualTo(old);
    }

    // ---- deleting --------------------------------------------------------------------------

    @Test
    void theResultsOfTwoJobsAreIndependent() throws IOException {
        JobId first = newJob();
        JobId second = newJob();
        byte[] firstContent = content(2 * CHUNK + 1, 15);
        byte[] secondContent = content(3 * CHUNK + 2, 16);

        write(first, "result", firstContent);
        write(second, "result", secondContent);

        assertThat(read(first, "result")).isEqualTo(firstContent);
        assertThat(read(second, "result")).isEqualTo(secondContent);
        store.delete(first);
        assertThat(store.open(first, "result")).isEmpty();
        assertThat(read(second, "result")).isEqualTo(secondContent);
    }

    @Test
    void deletingAJobRemovesEveryResultOfItAndLeavesOtherJobsAlone() throws IOException {
        JobId doomed = newJob();
        JobId kept = newJob();
        byte[] keptContent = content(2 * CHUNK + 3, 17);
        write(doomed, "result", content(3 * CHUNK + 5, 18));
        write(doomed, "log.txt", content(1, 19));
        write(doomed, "empty", new byte[0]);
        write(kept, "result", keptContent);

        store.delete(doomed);

        assertThat(store.open(doomed, "result")).isEmpty();
        assertThat(store.open(doomed, "log.txt")).isEmpty();
        assertThat(store.open(doomed, "empty")).isEmpty();
        assertThat(read(kept, "result")).isEqualTo(keptContent);
    }

    @Test
    void deletingAJobWithoutResultsIsNoError() throws IOException {
        JobId job = newJob();
        store.delete(job);

        write(job, "result", content(CHUNK, 20));
        store.delete(job);
        store.delete(job);

        assertThat(store.open(job, "result")).isEmpty();
    }

    @Test
    void aJobCanBeGivenResultsAgainAfterItWasDeleted() throws IOException {
        JobId job = newJob();
        write(job, "result", content(2 * CHUNK, 21));
        store.delete(job);
        byte[] again = content(CHUNK + 9, 22);

        write(job, "result", again);

        assertThat(read(job, "result")).isEqualTo(again);
    }

    @Test
    void aWriteThatNeverClosesIsRemovedWithItsJob() throws IOException {
        JobId job = newJob();
        OutputStream abandoned = store.create(job, "result");
        abandoned.write(content(3 * CHUNK + 5, 23));

        store.delete(job);

        assertThat(store.open(job, "result")).isEmpty();
    }

    @Test
    void aWriterWhoseJobIsDeletedWhileItWritesStoresNothing() throws IOException {
        JobId job = newJob();
        OutputStream out = store.create(job, "result");
        out.write(content(3 * CHUNK + 5, 24));

        store.delete(job);
        out.write(content(2 * CHUNK, 25));

        assertThatThrownBy(out::close).isInstanceOf(IOException.class);
        assertThat(store.open(job, "result")).isEmpty();
    }

    // ---- concurrency -----------------------------------------------------------------------

    /**
     * Every writer has its stream open at the same moment, then every reader, each with chunks
     * behind it and more to come: a store that held a connection or a lock for an open stream
     * would stall here. Pairs of threads share a job, so results of one job are written at once.
     */
    @Test
    void eightWritersAndReadersOfDifferentResultsRunAtOnce() throws Exception {
        CyclicBarrier allWriting = new CyclicBarrier(THREADS);
        CyclicBarrier allReading = new CyclicBarrier(THREADS);
        List<JobId> jobs = new ArrayList<>();
        for (int j = 0; j < THREADS / 2; j++) {
            jobs.add(newJob());
        }
        List<byte[]> contents = new ArrayList<>();
        List<Future<byte[]>> readBack = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                JobId job = jobs.get(t / 2);
                String resultId = "result-" + t;
                byte[] content = content(5 * CHUNK + t, 100 + t);
                contents.add(content);
                readBack.add(threads.submit(() -> {
                    try (OutputStream out = store.create(job, resultId)) {
                        out.write(content, 0, 2 * CHUNK + 1);
                        allWriting.await(WAIT_SECONDS, SECONDS);
                        out.write(content, 2 * CHUNK + 1, content.length - (2 * CHUNK + 1));
                    }
                    try (InputStream in = store.open(job, resultId).orElseThrow()) {
                        ByteArrayOutputStream back = new ByteArrayOutputStream();
                        back.write(in.readNBytes(CHUNK + 1));
                        allReading.await(WAIT_SECONDS, SECONDS);
                        back.write(in.readAllBytes());
                        return back.toByteArray();
                    }
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                assertThat(readBack.get(t).get(2 * WAIT_SECONDS, SECONDS)).as("result of thread %d", t)
                        .isEqualTo(contents.get(t));
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A job id no other test uses. */
    protected JobId newJob() {
        return JobId.random(random);
    }

    /** Bytes that differ from every other seed's, so that a mix of two results shows. */
    protected static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes a result in pieces of {@value #PIECE} bytes and closes it. */
    protected void write(JobId job, String resultId, byte[] content) throws IOException {
        try (OutputStream out = store.create(job, resultId)) {
            for (int offset = 0; offset < content.length; offset += PIECE) {
                out.write(content, offset, Math.min(PIECE, content.length - offset));
            }
        }
    }

    /** The whole of a result that must exist; only for the small results of these tests. */
    protected byte[] read(JobId job, String resultId) throws IOException {
        try (InputStream in = store.open(job, resultId).orElseThrow(
                () -> new AssertionError(resultId + " of job " + job + " is not stored"))) {
            return in.readAllBytes();
        }
    }
}
