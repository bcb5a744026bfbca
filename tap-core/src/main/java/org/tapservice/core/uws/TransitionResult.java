package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/**
 * What a compare-and-set phase change ({@link JobStore#transition}) did. A refusal is an
 * answer, not a failure: it is how a worker learns the job was aborted under it, and how a
 * second RUN learns the first one won.
 */
public sealed interface TransitionResult {

    /** The job moved; this is the job as stored afterwards. */
    record Applied(Job job) implements TransitionResult {
        public Applied {
            requireNonNull(job, "job is null");
        }
    }

    /** The job was not in an expected phase; nothing changed. */
    record Refused(ExecutionPhase current) implements TransitionResult {
        public Refused {
            requireNonNull(current, "current is null");
        }
    }

    /** There is no such job (never created, deleted, or destroyed). */
    record NotFound() implements TransitionResult {
    }
}
