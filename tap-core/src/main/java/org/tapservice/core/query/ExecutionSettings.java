package org.tapservice.core.query;

/**
 * How user queries run on the archive database (whose connections {@link ArchiveSession} sets
 * up).
 *
 * @param fetchSize rows fetched per round trip of a server-side cursor: large enough to keep
 *                  the network busy, small enough that memory stays flat whatever the result
 *                  size. A query that can return no more rows than this runs without a cursor.
 * @param copyResults whether a result that needs a cursor is instead copied out in PostgreSQL's
 *                  binary COPY format, when every column is of a type that format is decoded for
 *                  here ({@link CopyFieldDecoder}): it streams at the database's speed, where a
 *                  cursor's rows wait for a round trip per fetch
 */
public record ExecutionSettings(int fetchSize, boolean copyResults) {

    public ExecutionSettings {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
    }

    /** Large results copied out where they can be. */
    public ExecutionSettings(int fetchSize) {
        this(fetchSize, true);
    }
}
