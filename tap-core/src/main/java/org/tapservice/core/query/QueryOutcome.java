package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How one query ended, for {@link QueryObserver}s.
 *
 * @param format   the output format's short name (votable, csv, fits, ...)
 * @param status   OK, OVERFLOW (stopped at MAXREC), or ERROR (the query's fault or the service's)
 * @param rows     rows written
 * @param bytes    bytes written to the client or the result store
 * @param duration from the engine's start to the last byte or the failure
 */
public record QueryOutcome(String format, Status status, long rows, long bytes, Duration duration) {

    /** QUERY_STATUS as DALI names it. */
    public enum Status { OK, OVERFLOW, ERROR }

    public QueryOutcome {
        requireNonNull(format, "format is null");
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
    }
}
