package org.tapservice.core.query;

import java.io.IOException;

/**
 * The database failed while rows were being streamed. It is an IOException because it travels
 * through the writers' row loop; its message is safe to show to the user.
 */
public final class QueryFailedException extends IOException {

    private final boolean markedInDocument;

    public QueryFailedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private QueryFailedException(String message, Throwable cause, boolean markedInDocument) {
        super(message, cause);
        this.markedInDocument = markedInDocument;
    }

    /** The same failure, noting that the written document already reports it. */
    QueryFailedException markedInDocument() {
        return new QueryFailedException(getMessage(), getCause(), true);
    }

    /**
     * Whether the result document itself says the query failed (a VOTable's trailing
     * QUERY_STATUS ERROR). When it does not (CSV, TSV), a client can only learn of the failure
     * from an aborted transfer.
     */
    public boolean isMarkedInDocument() {
        return markedInDocument;
    }
}
