package org.tapservice.core.tap;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A TAP 1.1 query, checked: the language is ADQL, the query text is present and MAXREC is
 * within the service's limit.
 *
 * @param responseFormat RESPONSEFORMAT (or FORMAT) as the client wrote it; empty means VOTable
 */
public record QueryRequest(String adql, long maxrec, Optional<String> responseFormat, Optional<String> runId) {

    public QueryRequest {
        requireNonNull(adql, "adql is null");
        requireNonNull(responseFormat, "responseFormat is null");
        requireNonNull(runId, "runId is null");
        if (maxrec < 0) {
            throw new IllegalArgumentException("maxrec is negative");
        }
    }
}
