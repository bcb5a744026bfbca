package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Result;

/**
 * Where a stored result is filed: its job and its id. The id follows the rule of every
 * {@link Result} id and is, besides, never "." or "..": stores use it as a file name, and those
 * two would name a directory instead.
 *
 * @param job      the job the result belongs to
 * @param resultId the result's id within the job
 */
public record ResultKey(JobId job, String resultId) {

    public ResultKey {
        requireNonNull(job, "job is null");
        requireNonNull(resultId, "resultId is null");
        if (!Result.isWellFormedId(resultId) || resultId.equals(".") || resultId.equals("..")) {
            throw new IllegalArgumentException("not a result id: '" + resultId + "'");
        }
    }

    @Override
    public String toString() {
        return "result " + resultId + " of job " + job;
    }
}
