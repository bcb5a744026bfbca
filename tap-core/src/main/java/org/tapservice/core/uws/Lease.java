package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/**
 * A worker's claim on an executing job ({@link JobQueue#claim}): while the lease is renewed,
 * no other worker may run the job; once it lapses (the worker's instance died), the job may be
 * claimed again and run from the start.
 *
 * @param job   the job as it stood when claimed (EXECUTING)
 * @param token what identifies this claim among all claims of the same job, so that a worker
 *              whose lease lapsed and was taken over cannot renew or finish someone else's
 */
public record Lease(Job job, String token) {

    public Lease {
        requireNonNull(job, "job is null");
        requireNonNull(token, "token is null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a lease token cannot be blank");
        }
    }

    public JobId id() {
        return job.id();
    }
}
