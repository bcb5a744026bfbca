package org.tapservice.core.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.tapservice.core.uws.JobId;

/**
 * Which conversions of finished jobs' results are being made, and by whom, or are stored:
 * shared by every instance, so that a conversion asked for twice, on one instance or on two,
 * is made once while the second request waits for it. A conversion is a result id of the job
 * (such as {@code result-csv}) written from the job's stored result.
 *
 * <p>Whoever {@link #claim claims} a conversion holds it under a lease that it renews while it
 * converts; a converter that dies stops renewing, and once its lease has lapsed the next claim
 * is granted to someone else. Every mark expires on its own (a lease with its lease time, a
 * stored mark at the time it is given), so a dead instance leaves nothing behind.
 */
public interface ConversionStates {

    /**
     * Becomes the converter of the result unless someone converts it or it is stored.
     *
     * @param converter who converts, as the job document shows it (an instance's name)
     */
    ConversionClaim claim(JobId job, String resultId, String converter, Duration leaseTime);

    /** Extends the lease while it is still the holder's; false once it is not. */
    boolean renew(ConversionLease lease, Duration leaseTime);

    /**
     * Marks the result stored, with its size, until {@code keepUntil}: only while the lease is
     * still the holder's (false otherwise, and nothing changes).
     */
    boolean finish(ConversionLease lease, long size, Instant keepUntil);

    /** Gives up a conversion that failed, if the lease is still the holder's, so that the next claim is granted. */
    void release(ConversionLease lease);

    /** The state of each of these results of the job that is converting or stored, by result id. */
    Map<String, ConversionState> states(JobId job, List<String> resultIds);
}
