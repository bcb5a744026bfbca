package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What {@link JobEvents} carries: a job reached a phase.
 *
 * @param owner the job's owner, when the publisher knows it: what lets an instance pass the
 *              change to the streams of that owner's job list without reading the job
 */
public record PhaseChange(JobId id, ExecutionPhase phase, Optional<String> owner) {

    public PhaseChange {
        requireNonNull(id, "id is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(owner, "owner is null");
    }

    /** A change whose owner is not told (an anonymous job, or a publisher that does not know). */
    public PhaseChange(JobId id, ExecutionPhase phase) {
        this(id, phase, Optional.empty());
    }

    /** The change a job now in this phase made, with its owner. */
    public static PhaseChange of(Job job) {
        return new PhaseChange(job.id(), job.phase(), job.owner());
    }
}
