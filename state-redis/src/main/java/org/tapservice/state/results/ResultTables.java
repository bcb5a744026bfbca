package org.tapservice.state.results;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.tapservice.core.results.ResultKey;
import org.tapservice.core.uws.JobId;

/**
 * The one place that knows how results are laid out in tap_uws.stored_results and
 * result_chunks (migration V3), and every statement on them. Each method takes a connection
 * from the state pool for one statement or one short transaction and gives it back before it
 * returns: nothing here outlives a call, however long the caller takes to stream a result.
 *
 * <p>Publishing a result and deleting a job take a transaction-scoped advisory lock on the job,
 * so that they happen one after the other: a delete sees every result published before it, and
 * a write whose chunks a delete removed finds out when it is published.
 */
final class ResultTables {

    /** The first key of every advisory lock taken here, so that they collide with no one else's. */
    private static final int LOCK_SPACE = 0x54415052;

    private static final String LOCK_JOB = "SELECT pg_advisory_xact_lock(?, ?)";
    // COALESCE evaluates nextval only for a write's first chunk, which starts its generation.
    private static final String INSERT_CHUNK = """
            INSERT INTO tap_uws.result_chunks (generation, seq, job_id, data)
            VALUES (coalesce(?, nextval('tap_uws.result_generations')), ?, ?, ?)
            RETURNING generation""";
    private static final String COUNT_CHUNKS = "SELECT count(*) FROM tap_uws.result_chunks WHERE generation = ?";
    private static final String DELETE_GENERATION = "DELETE FROM tap_uws.result_chunks WHERE generation = ?";
    // One statement: every part sees the row as it was, so the chunks removed are those of the
    // generation being replaced.
    private static final String REPLACE = """
            WITH replaced AS (
                SELECT generation FROM tap_uws.stored_results WHERE job_id = ? AND result_id = ?
            ), published AS (
                INSERT INTO tap_uws.stored_results (job_id, result_id, generation, size, created)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (job_id, result_id) DO UPDATE
                    SET generation = excluded.generation, size = excluded.size, created = excluded.created
            )
            DELETE FROM tap_uws.result_chunks WHERE generation IN (SELECT generation FROM replaced)""";
    private static final String SELECT_VISIBLE = """
            SELECT r.generation, r.size, c.data
            FROM tap_uws.stored_results r
            LEFT JOIN tap_uws.result_chunks c ON c.generation = r.generation AND c.seq = 0
            WHERE r.job_id = ? AND r.result_id = ?""";
    private static final String SELECT_CHUNK = "SELECT data FROM tap_uws.result_chunks WHERE generation = ? AND seq = ?";
    private static final String DELETE_JOB = """
            WITH results AS (
                DELETE FROM tap_uws.stored_results WHERE job_id = ?
            )
            DELETE FROM tap_uws.result_chunks WHERE job_id = ?""";

    private final DataSource statePool;

    ResultTables(DataSource statePool) {
        this.statePool = statePool;
    }

    /**
     * The generation a result is visible under, its size, and its first chunk when it has one;
     * a result of one chunk is thus read whole by this one query.
     *
     * @param generation its chunks' generation
     * @param size       its length in bytes
     * @param first      chunk 0
     */
    record Visible(long generation, long size, Optional<byte[]> first) {
    }

    /**
     * Stores a full chunk in a statement of its own, committed at once.
     *
     * @param generation the write's generation; none for its first chunk, which draws a new one
     * @return the generation the chunk was stored under
     */
    long insertChunk(JobId job, OptionalLong generation, int seq, byte[] data, int length) throws IOException {
        return autocommit(connection -> insertChunk(connection, job, generation, seq, data, length));
    }

    /**
     * Makes a write the result's visible version in one transaction: stores the write's last
     * chunk, checks that none of the chunks stored before is missing, makes its generation the
     * visible one and removes the chunks of the generation it replaces.
     *
     * @param generation   the write's generation, if it stored chunks before
     * @param storedChunks how many it stored before
     * @param tail         the last chunk, stored unless it is empty and chunks were stored before
     * @param tailLength   how many bytes of {@code tail} are the result's
     * @param size         the result's length in bytes
     * @return false if chunks the write had stored are gone (its job was deleted meanwhile):
     *         then nothing is published and the write's remaining chunks are removed
     */
    boolean publish(ResultKey key, OptionalLong generation, int storedChunks, byte[] tail, int tailLength,
                    long size) throws IOException {
        return inTransaction(connection -> {
            lock(connection, key.job());
            long published = generation.orElse(0);
            int chunks = storedChunks;
            if (tailLength > 0 || generation.isEmpty()) {
                published = insertChunk(connection, key.job(), generation, chunks++, tail, tailLength);
            }
            if (storedChunks > 0 && countChunks(connection, published) != chunks) {
                try (PreparedStatement statement = connection.prepareStatement(DELETE_GENERATION)) {
                    statement.setLong(1, published);
                    statement.executeUpdate();
                }
                return false;
            }
            try (PreparedStatement statement = connection.prepareStatement(REPLACE)) {
                statement.setString(1, key.job().value());
                statement.setString(2, key.resultId());
                statement.setString(3, key.job().value());
                statement.setString(4, key.resultId());
                statement.setLong(5, published);
                statement.setLong(6, size);
                statement.executeUpdate();
            }
            return true;
        });
    }

    /** The result's visible version, if it was published and not deleted. */
    Optional<Visible> visible(ResultKey key) throws IOException {
        return autocommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_VISIBLE)) {
                statement.setString(1, key.job().value());
                statement.setString(2, key.resultId());
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Visible(row.getLong(1), row.getLong(2), Optional.ofNullable(row.getBytes(3))));
                }
            }
        });
    }

    /** One chunk, by primary key; none once its generation was replaced or deleted. */
    Optional<byte[]> chunk(long generation, int seq) throws IOException {
        return autocommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_CHUNK)) {
                // Binary transfer from the first call: as text a chunk would travel as hex,
                // twice its size, and be decoded again here.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                statement.setLong(1, generation);
                statement.setInt(2, seq);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** Removes every result of the job and every chunk stored for it, published or not. */
    void delete(JobId job) throws IOException {
        inTransaction(connection -> {
            lock(connection, job);
            try (PreparedStatement statement = connection.prepareStatement(DELETE_JOB)) {
                statement.setString(1, job.value());
                statement.setString(2, job.value());
                statement.executeUpdate();
            }
            return null;
        });
    }

    private static long insertChunk(Connection connection, JobId job, OptionalLong generation, int seq, byte[] data,
                                    int length) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_CHUNK)) {
            if (generation.isPresent()) {
                statement.setLong(1, generation.getAsLong());
            } else {
                statement.setNull(1, Types.BIGINT);
            }
            statement.setInt(2, seq);
            statement.setString(3, job.value());
            // a stream over the buffer rather than setBytes, which would copy the chunk first
            statement.setBinaryStream(4, new ByteArrayInputStream(data, 0, length), length);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void lock(Connection connection, JobId job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_JOB)) {
            statement.setInt(1, LOCK_SPACE);
            // two jobs with the same hash only wait for each other, for one short transaction
            statement.setInt(2, job.value().hashCode());
            statement.execute();
        }
    }

    private static long countChunks(Connection connection, long generation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT_CHUNKS)) {
            statement.setLong(1, generation);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T autocommit(Work<T> work) throws IOException {
        try (Connection connection = statePool.getConnection()) {
            // set rather than assumed: a chunk must be committed by its own statement, whatever
            // the pool's default (and setting what is set already costs no round trip)
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T inTransaction(Work<T> work) throws IOException {
        return autocommit(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private static IOException failure(SQLException e) {
        return new IOException("result store: " + e.getMessage(), e);
    }
}
