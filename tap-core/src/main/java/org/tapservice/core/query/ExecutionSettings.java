package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How user queries run on the archive database.
 *
 * @param statementTimeout the longest a query may run before PostgreSQL cancels it
 * @param fetchSize rows fetched per round trip of the server-side cursor: large enough to keep
 *                  the network busy, small enough that memory stays flat whatever the result size
 */
public record ExecutionSettings(Duration statementTimeout, int fetchSize) {

    public ExecutionSettings {
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive");
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
    }
}
