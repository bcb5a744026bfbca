package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * A job as a job list shows it (the schema's ShortJobDescription): enough to list many jobs
 * without reading their parameters and results.
 */
public record JobRef(JobId id, ExecutionPhase phase, Optional<String> runId, Optional<String> owner,
                     Instant creationTime) {

    /**
     * The order of every job list: most recent creation first, as UWS 2.2.2.1 orders LAST.
     * Jobs created in the same millisecond come in descending id order, so that LAST cuts
     * every store's list at the same place; descending because that is what a Redis sorted
     * set scored by creation time returns from ZREVRANGE (members of equal score in reverse
     * byte order, which for job ids' ASCII is Java's String order).
     */
    public static final Comparator<JobRef> NEWEST_FIRST = Comparator.comparing(JobRef::creationTime)
            .thenComparing(JobRef::id).reversed();

    public JobRef {
        requireNonNull(id, "id is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(owner, "owner is null");
        creationTime = Job.millis(requireNonNull(creationTime, "creationTime is null"));
    }

    public static JobRef of(Job job) {
        return new JobRef(job.id(), job.phase(), job.runId(), job.owner(), job.creationTime());
    }
}
