package org.tapservice.core.quota;

import java.time.Duration;
import java.util.Optional;

import org.tapservice.core.uws.JobId;

/**
 * The count, per owner, of what the owner's jobs hold against their {@link Quota}: jobs QUEUED,
 * jobs EXECUTING, bytes of results stored; and the owner's rate of synchronous queries.
 *
 * <p>A store implementing it changes the counts in the same atomic step as the phase change
 * or result write that causes them (RUN, claim, finish, abort, delete, destruction, a lapsed
 * claim that gives up), so they are never more or less than the jobs' phases say; the limits
 * are checked in that step too, so no two concurrent steps pass a limit together. The job
 * queue consults the executing limit recorded by {@link #queue} when it claims.
 */
public interface QuotaLedger {

    /**
     * PHASE=RUN under a quota: moves a PENDING or HELD job to QUEUED, in one atomic step with
     * counting it, unless the owner is at its queued-jobs limit or its stored-bytes limit.
     * Records the quota's executing-jobs and stored-bytes limits as the owner's, for the claims
     * and result writes that follow (workers do not know the owner's roles).
     */
    Admission queue(JobId id, Quota quota);

    /** What the owner's jobs hold now (empty owner: the anonymous jobs). */
    QuotaUsage usage(Optional<String> owner);

    /**
     * Takes one synchronous request from the owner's allowance.
     *
     * @return empty when the request may go ahead; otherwise how long until it may be sent
     */
    Optional<Duration> takeSyncRequest(Optional<String> owner, RequestRate rate);

    /**
     * Lets a synchronous query through if the caller's quota has a request for it now.
     *
     * @throws QuotaException (429, with when to retry) when it has not
     */
    default void admitSyncRequest(Optional<String> owner, Quota quota) {
        if (quota.syncRequests().isPresent()) {
            RequestRate rate = quota.syncRequests().get();
            Optional<Duration> wait = takeSyncRequest(owner, rate);
            if (wait.isPresent()) {
                throw new QuotaException(new QuotaExceeded(QuotaExceeded.Kind.SYNC_REQUESTS, rate.requests(),
                        rate.requests()), wait);
            }
        }
    }
}
