package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

import org.tapservice.core.uws.JobId;

/**
 * A converter's hold on one conversion.
 *
 * @param token random, one per claim: how the store tells this holder from a later one
 */
public record ConversionLease(JobId job, String resultId, String token) {

    public ConversionLease {
        requireNonNull(job, "job is null");
        new ResultKey(job, resultId); // the same rule as every stored result's id
        requireNonNull(token, "token is null");
    }
}
