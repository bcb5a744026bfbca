package org.tapservice.core.tap;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.tapservice.core.upload.TableUpload;

/**
 * A TAP 1.1 query, checked: the language is ADQL, the query text is present and MAXREC is
 * within the service's limit.
 *
 * @param responseFormat RESPONSEFORMAT (or FORMAT) as the client wrote it; empty means VOTable
 * @param uploads        the tables of UPLOAD, which the query may use as TAP_UPLOAD.name
 */
public record QueryRequest(String adql, long maxrec, Optional<String> responseFormat, Optional<String> runId,
                           List<TableUpload> uploads) {

    public QueryRequest {
        requireNonNull(adql, "adql is null");
        requireNonNull(responseFormat, "responseFormat is null");
        requireNonNull(runId, "runId is null");
        uploads = List.copyOf(uploads);
        if (maxrec < 0) {
            throw new IllegalArgumentException("maxrec is negative");
        }
    }

    /** A query that uploads nothing. */
    public QueryRequest(String adql, long maxrec, Optional<String> responseFormat, Optional<String> runId) {
        this(adql, maxrec, responseFormat, runId, List.of());
    }
}
