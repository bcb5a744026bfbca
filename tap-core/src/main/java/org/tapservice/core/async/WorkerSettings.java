package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How this instance runs async jobs.
 *
 * @param workers   how many jobs it runs at once (each holds one archive connection)
 * @param leaseTime how long a claim lasts unless renewed: the time another instance waits
 *                  before taking over a job whose instance died. It is renewed every third of
 *                  it, so two renewals may fail before it lapses
 * @param idlePoll  how often an idle worker looks at the queue when no event woke it: events
 *                  may be lost, this bounds the delay that costs
 * @param grace     how much longer than its execution duration a job's statement may run before
 *                  PostgreSQL stops it itself: the instance's own timer aborts it first, this is
 *                  the backstop should that timer not fire
 * @param instance  this instance's name, as its job log lines are signed: the log lines its
 *                  workers write name it ({@link org.tapservice.core.uws.JobLoggingContext}); empty
 *                  for none
 */
public record WorkerSettings(int workers, Duration leaseTime, Duration idlePoll, Duration grace, String instance) {

    /** Settings of an instance that does not name itself in log lines. */
    public WorkerSettings(int workers, Duration leaseTime, Duration idlePoll, Duration grace) {
        this(workers, leaseTime, idlePoll, grace, "");
    }

    public WorkerSettings {
        requireNonNull(instance, "instance is null");
        if (workers < 0) {
            throw new IllegalArgumentException("workers cannot be negative: " + workers);
        }
        requireNonNull(leaseTime, "leaseTime is null");
        requireNonNull(idlePoll, "idlePoll is null");
        requireNonNull(grace, "grace is null");
        if (leaseTime.toMillis() < 3) {
            throw new IllegalArgumentException("the lease time is too short: " + leaseTime);
        }
    }

    /** How often running jobs' leases are renewed. */
    public Duration renewEvery() {
        return leaseTime.dividedBy(3);
    }
}
