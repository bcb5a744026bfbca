package org.tapservice.core.uws;

import java.time.Instant;
import java.util.List;

/**
 * Which jobs are due for destruction: the reaper's question, asked of a store that can answer
 * it from an index (the PostgreSQL archive) rather than by reading every job.
 */
public interface DestructionSchedule {

    /** Up to {@code limit} jobs whose destruction time is at or before {@code now}, earliest first. */
    List<JobId> destructionDue(Instant now, int limit);
}
