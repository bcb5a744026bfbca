package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/** What {@link JobEvents} carries: a job reached a phase. */
public record PhaseChange(JobId id, ExecutionPhase phase) {

    public PhaseChange {
        requireNonNull(id, "id is null");
        requireNonNull(phase, "phase is null");
    }
}
