package org.tapservice.state.results;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import javax.sql.DataSource;

import org.tapservice.core.results.ResultKey;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.uws.JobId;

/**
 * Results in PostgreSQL (schema tap_uws, migration V3), cut into chunks of a fixed size so that
 * a result of any length streams through one chunk of memory and no connection of the state
 * pool is held while a caller streams: every chunk is one short statement. A write's chunks
 * belong to a generation of their own and stay invisible until its close makes that generation
 * the result's visible one, in one transaction that also removes the generation it replaces;
 * a result that fits in one chunk is written by that transaction alone.
 *
 * <p>A reader follows the generation it opened. A result of one chunk is read whole at open;
 * a longer one that is rewritten or deleted before its reader has fetched its last chunk fails
 * that reader with an IOException: a reader gets the whole result it opened or an error, never
 * a mix of two versions nor a silently shortened one.
 */
public final class PostgresResultStore implements ResultStore {

    /** One MiB: a few round trips per megabyte are negligible, and a reader or writer holds one chunk. */
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;

    private final ResultTables tables;
    private final int chunkSize;

    /** A store on the state pool, in chunks of {@value #DEFAULT_CHUNK_SIZE} bytes. */
    public PostgresResultStore(DataSource statePool) {
        this(statePool, DEFAULT_CHUNK_SIZE);
    }

    public PostgresResultStore(DataSource statePool, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("the chunk size must be positive, not " + chunkSize);
        }
        this.tables = new ResultTables(requireNonNull(statePool, "statePool is null"));
        this.chunkSize = chunkSize;
    }

    @Override
    public OutputStream create(JobId job, String resultId) {
        return new ChunkedResultOutput(tables, new ResultKey(job, resultId), chunkSize);
    }

    @Override
    public Optional<InputStream> open(JobId job, String resultId) throws IOException {
        ResultKey key = new ResultKey(job, resultId);
        return tables.visible(key).map(visible -> new ChunkedResultInput(tables, key, visible));
    }

    @Override
    public void delete(JobId job) throws IOException {
        tables.delete(requireNonNull(job, "job is null"));
    }
}
