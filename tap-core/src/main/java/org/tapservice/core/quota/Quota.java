package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one owner may hold at once; an empty limit is no limit.
 *
 * @param executingJobs how many of the owner's jobs may be EXECUTING together
 * @param queuedJobs    how many may wait QUEUED (PHASE=RUN beyond it is refused)
 * @param storedBytes   how many bytes of results the owner's jobs may keep (PHASE=RUN is
 *                      refused at or beyond it, and a result that would pass it ends its job in
 *                      ERROR)
 * @param syncRequests  how fast the owner may send synchronous queries
 */
public record Quota(OptionalInt executingJobs, OptionalInt queuedJobs, OptionalLong storedBytes,
                    Optional<RequestRate> syncRequests) {

    /** No limit at all. */
    public static final Quota UNLIMITED = new Quota(OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
            Optional.empty());

    public Quota {
        requireNonNull(executingJobs, "executingJobs is null");
        requireNonNull(queuedJobs, "queuedJobs is null");
        requireNonNull(storedBytes, "storedBytes is null");
        requireNonNull(syncRequests, "syncRequests is null");
        // zero running jobs would queue jobs that never run: a limit must let something through
        if (executingJobs.isPresent() && executingJobs.getAsInt() < 1) {
            throw new IllegalArgumentException("at least one job must be allowed to execute: " + executingJobs);
        }
        if (queuedJobs.isPresent() && queuedJobs.getAsInt() < 0) {
            throw new IllegalArgumentException("a queued-jobs limit cannot be negative: " + queuedJobs);
        }
        if (storedBytes.isPresent() && storedBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("a stored-bytes limit cannot be negative: " + storedBytes);
        }
    }

    /**
     * The more generous of two quotas in every limit: a caller with several roles gets the best
     * each of them grants.
     */
    public Quota mostGenerous(Quota other) {
        requireNonNull(other, "other is null");
        return new Quota(larger(executingJobs, other.executingJobs), larger(queuedJobs, other.queuedJobs),
                larger(storedBytes, other.storedBytes), syncRequests.isEmpty() || other.syncRequests.isEmpty()
                        ? Optional.empty() : Optional.of(syncRequests.get().faster(other.syncRequests.get())));
    }

    private static OptionalInt larger(OptionalInt a, OptionalInt b) {
        return a.isEmpty() || b.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Math.max(a.getAsInt(), b.getAsInt()));
    }

    private static OptionalLong larger(OptionalLong a, OptionalLong b) {
        return a.isEmpty() || b.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }
}
