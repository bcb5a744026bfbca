package org.tapservice.core.query;

/**
 * How user queries run on the archive database (whose connections {@link ArchiveSession} sets
 * up).
 *
 * @param fetchSize rows fetched per round trip of a server-side cursor: large enough to keep
 *                  the network busy, small enough that memory stays flat whatever the result
 *                  size. A query that can return no more rows than this runs without a cursor.
 */
public record ExecutionSettings(int fetchSize) {

    public ExecutionSettings {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
    }
}
