package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What one owner's jobs hold now, as the {@link QuotaLedger} counts it.
 *
 * @param queuedJobs       jobs QUEUED
 * @param executingJobs    jobs EXECUTING
 * @param storedBytes      bytes of results kept by the owner's jobs
 * @param storedBytesLimit the stored-bytes limit in force at the owner's last PHASE=RUN, which
 *                         the worker writing a result enforces (it does not know the owner's
 *                         roles); empty when none
 */
public record QuotaUsage(long queuedJobs, long executingJobs, long storedBytes, OptionalLong storedBytesLimit) {

    public static final QuotaUsage NONE = new QuotaUsage(0, 0, 0, OptionalLong.empty());

    public QuotaUsage {
        requireNonNull(storedBytesLimit, "storedBytesLimit is null");
    }

    /** How many more bytes of results the owner may store, if there is a limit. */
    public OptionalLong storedBytesLeft() {
        return storedBytesLimit.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, storedBytesLimit.getAsLong() - storedBytes));
    }
}
