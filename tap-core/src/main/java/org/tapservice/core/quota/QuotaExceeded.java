package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

/**
 * Which limit refused a step, with the figures a person needs to act on it.
 *
 * @param limit the limit, in its own unit (jobs, bytes)
 * @param used  what the owner holds now
 */
public record QuotaExceeded(Kind kind, long limit, long used) {

    /**
     * The limits that refuse a request. The executing-jobs limit refuses nothing: a job over it
     * waits QUEUED.
     */
    public enum Kind {
        QUEUED_JOBS, STORED_BYTES, SYNC_REQUESTS
    }

    public QuotaExceeded {
        requireNonNull(kind, "kind is null");
    }

    /** The refusal in words for the person who sent the request, saying what to do. */
    public String message() {
        return switch (kind) {
            case QUEUED_JOBS -> "you have " + used + " jobs QUEUED, the most your quota allows (" + limit
                    + "); the job stays PENDING: run it again once some of your jobs have started, or abort or"
                    + " delete queued ones";
            case STORED_BYTES -> "your jobs keep " + used + " bytes of results, and your quota allows " + limit
                    + "; the job stays PENDING: delete jobs whose results you no longer need, then run it again";
            case SYNC_REQUESTS -> "too many synchronous queries: your quota allows bursts of " + limit
                    + ", refilled evenly over time; wait as Retry-After says before sending more, or submit"
                    + " the queries as /async jobs";
        };
    }
}
