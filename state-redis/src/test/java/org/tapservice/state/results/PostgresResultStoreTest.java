package org.tapservice.state.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.SplittableRandom;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.results.ResultStoreContract;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.uws.JobId;

/**
 * Results in chunks on the local PostgreSQL obey the contract of every result store; besides,
 * what reaches the database when, what is left behind, and what a reader of a replaced result
 * gets.
 */
class PostgresResultStoreTest extends ResultStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void createTables() throws IOException {
        database = TestDatabase.createEmpty();
        for (String migration : new String[] {"V2__uws_job_archive.sql", "V3__result_store.sql"}) {
            try (InputStream sql = PostgresResultStoreTest.class.getResourceAsStream("/db/migration/" + migration)) {
                database.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @AfterAll
    static void dropTables() {
        database.close();
    }

    @Override
    protected ResultStore newStore(int chunkSize) {
        database.execute("TRUNCATE tap_uws.stored_results, tap_uws.result_chunks");
        return new PostgresResultStore(database.dataSource(), chunkSize);
    }

    @Test
    void aFiftyMegabyteResultInChunksOf64KiBComesBackComplete() throws Exception {
        ResultStore large = new PostgresResultStore(database.dataSource(), 64 * 1024);
        JobId job = newJob();
        long size = 50L * 1024 * 1024;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(50);
        // an odd block size, so that writes straddle chunk borders
        byte[] block = new byte[8191];
        try (OutputStream out = new DigestOutputStream(large.create(job, "result"), written)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = large.open(job, "result").orElseThrow()) {
            for (int n = in.read(block); n != -1; n = in.read(block)) {
                read.update(block, 0, n);
                count += n;
            }
        }

        assertThat(count).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(written.digest());
        assertThat(chunkRows(job)).isEqualTo(size / (64 * 1024));
    }

    @Test
    void aResultThatFitsInOneChunkReachesTheDatabaseOnlyWhenItIsClosed() throws IOException {
        JobId job = newJob();
        OutputStream inOneCall = store.create(job, "result");
        OutputStream byteByByte = store.create(job, "log.txt");
        inOneCall.write(content(CHUNK, 1));
        for (byte b : content(CHUNK, 2)) {
            byteByByte.write(b);
        }
        inOneCall.flush();
        byteByByte.flush();

        assertThat(chunkRows(job)).isZero();
        inOneCall.close();
        byteByByte.close();
        assertThat(chunkRows(job)).isEqualTo(2);
    }

    @Test
    void aLongerResultStoresEachFullChunkWhileItIsWritten() throws IOException {
        JobId job = newJob();
        OutputStream out = store.create(job, "result");
        out.write(content(3 * CHUNK + 5, 2));

        assertThat(chunkRows(job)).isEqualTo(3);
        out.close();
        assertThat(chunkRows(job)).isEqualTo(4);
    }

    @Test
    void anOpenWriterOrReaderHoldsNoConnectionAndNoTransaction() throws Exception {
        HikariDataSource pool = database.dataSource().unwrap(HikariDataSource.class);
        JobId job = newJob();
        write(job, "done", content(4 * CHUNK, 3));

        try (OutputStream out = store.create(job, "result");
             InputStream in = store.open(job, "done").orElseThrow()) {
            out.write(content(3 * CHUNK + 5, 4));
            in.readNBytes(2 * CHUNK + 1);

            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            assertThat(sessionsIdleInTransaction()).isZero();
        }
    }

    @Test
    void aReaderOfALongerResultThatIsReplacedFailsRatherThanReadOn() throws IOException {
        JobId job = newJob();
        byte[] old = content(4 * CHUNK, 5);
        write(job, "result", old);

        try (InputStream before = store.open(job, "result").orElseThrow()) {
            assertThat(before.readNBytes(CHUNK + 1)).isEqualTo(Arrays.copyOf(old, CHUNK + 1));
            write(job, "result", content(4 * CHUNK, 6));

            assertThatThrownBy(before::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("replaced or deleted while it was read");
        }
    }

    @Test
    void aReaderOfALongerResultWhoseJobIsDeletedFails() throws IOException {
        JobId job = newJob();
        write(job, "result", content(4 * CHUNK, 7));

        try (InputStream before = store.open(job, "result").orElseThrow()) {
            store.delete(job);

            assertThatThrownBy(before::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRewriteLeavesOnlyTheChunksOfTheNewVersion() throws IOException {
        JobId job = newJob();
        write(job, "result", content(3 * CHUNK + 5, 8));

        write(job, "result", content(2 * CHUNK, 9));

        assertThat(chunkRows(job)).isEqualTo(2);
        assertThat(count("SELECT count(DISTINCT generation) FROM tap_uws.result_chunks WHERE job_id = ?", job))
                .isOne();
    }

    @Test
    void ofTwoWritersOfOneResultTheLastToCloseWinsAndNoChunkOfTheOtherRemains() throws IOException {
        JobId job = newJob();
        byte[] first = content(3 * CHUNK + 1, 10);
        byte[] second = content(2 * CHUNK + 7, 11);
        OutputStream one = store.create(job, "result");
        OutputStream two = store.create(job, "result");
        one.write(first);
        two.write(second);

        two.close();
        one.close();

        assertThat(read(job, "result")).isEqualTo(first);
        assertThat(chunkRows(job)).isEqualTo(4);
    }

    @Test
    void deletingAJobRemovesTheChunksOfWritesThatNeverClosed() throws IOException {
        JobId job = newJob();
        JobId other = newJob();
        write(other, "result", content(2 * CHUNK + 1, 12));
        // never closed: it stands for a writer that died
        OutputStream abandoned = store.create(job, "result");
        abandoned.write(content(3 * CHUNK + 5, 13));
        write(job, "log.txt", content(2 * CHUNK + 1, 14));

        store.delete(job);

        assertThat(chunkRows(job)).isZero();
        assertThat(count("SELECT count(*) FROM tap_uws.stored_results WHERE job_id = ?", job)).isZero();
        assertThat(chunkRows(other)).isEqualTo(3);
    }

    @Test
    void aWriterWhoseJobIsDeletedWhileItWritesLeavesNoChunkBehind() throws IOException {
        JobId job = newJob();
        OutputStream out = store.create(job, "result");
        out.write(content(3 * CHUNK + 5, 15));
        store.delete(job);
        out.write(content(2 * CHUNK + 5, 16));

        assertThatThrownBy(out::close).isInstanceOf(IOException.class)
                .hasMessageContaining("deleted while it was written");
        assertThat(chunkRows(job)).isZero();
    }

    /**
     * The first chunk's generation is taken already, by a row put there beforehand, so that
     * storing it fails as a real insert fails; closing must not publish what came after it.
     */
    @Test
    void aWriterThatCouldNotStoreItsFirstChunkPublishesNothing() throws IOException {
        JobId job = newJob();
        long nextGeneration = count("SELECT nextval('tap_uws.result_generations') + 1", null);
        database.execute("INSERT INTO tap_uws.result_chunks (generation, seq, job_id, data) VALUES ("
                + nextGeneration + ", 0, '" + newJob().value() + "', '\\x00')");
        OutputStream out = store.create(job, "result");

        assertThatThrownBy(() -> out.write(content(2 * CHUNK + 1, 17))).isInstanceOf(IOException.class)
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(out::close).isInstanceOf(IOException.class);
        assertThat(store.open(job, "result")).isEmpty();
    }

    @Test
    void aChunkSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new PostgresResultStore(database.dataSource(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long chunkRows(JobId job) {
        return count("SELECT count(*) FROM tap_uws.result_chunks WHERE job_id = ?", job);
    }

    private static long sessionsIdleInTransaction() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%'", null);
    }

    /** A count from a query with at most one parameter, the job id. */
    private static long count(String sql, JobId job) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (job != null) {
                statement.setString(1, job.value());
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
