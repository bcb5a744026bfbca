package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/** What a change of a job's client fields ({@link JobStore#update}) did. */
public sealed interface UpdateResult {

    /** The change was made; this is the job as stored afterwards. */
    record Updated(Job job) implements UpdateResult {
        public Updated {
            requireNonNull(job, "job is null");
        }
    }

    /**
     * The job's phase does not allow this change (UWS: parameters change only while
     * PENDING); nothing changed. An HTTP binding answers this with 403 or a UWS error.
     */
    record Refused(ExecutionPhase current) implements UpdateResult {
        public Refused {
            requireNonNull(current, "current is null");
        }
    }

    /** There is no such job. */
    record NotFound() implements UpdateResult {
    }
}
