package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The limits the service sets on async jobs, UWS leaving them to it (UWS 1.1 sections 2.1.4,
 * 2.1.5, 2.2.3.3).
 *
 * @param defaultExecutionDuration what a job may run when the client asks nothing
 * @param maxExecutionDuration     the most a client may ask for; "0 = unlimited" gets this
 * @param defaultLifetime          how long after creation a job is destroyed when the client
 *                                 asks nothing
 * @param maxLifetime              the latest destruction a client may ask for, from creation
 * @param waitCap                  the longest a blocking WAIT holds a request: clients' read
 *                                 timeouts are often a minute, and a WAIT answered before it
 *                                 is simply sent again
 */
public record JobPolicy(Duration defaultExecutionDuration, Duration maxExecutionDuration, Duration defaultLifetime,
                        Duration maxLifetime, Duration waitCap) {

    public JobPolicy {
        positive(defaultExecutionDuration, "defaultExecutionDuration");
        positive(maxExecutionDuration, "maxExecutionDuration");
        positive(defaultLifetime, "defaultLifetime");
        positive(maxLifetime, "maxLifetime");
        positive(waitCap, "waitCap");
        if (defaultExecutionDuration.compareTo(maxExecutionDuration) > 0) {
            throw new IllegalArgumentException("the default execution duration exceeds the maximum");
        }
        if (defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("the default lifetime exceeds the maximum");
        }
    }

    /** The execution duration a job gets for the one asked: within the maximum, and never unlimited. */
    public Duration executionDuration(Duration requested) {
        requireNonNull(requested, "requested is null");
        if (requested.isZero() || requested.compareTo(maxExecutionDuration) > 0) {
            return maxExecutionDuration;
        }
        return requested;
    }

    /** The destruction time a job created at {@code creation} gets for the one asked. */
    public Instant destruction(Instant creation, Instant requested) {
        Instant latest = creation.plus(maxLifetime);
        return requested.isAfter(latest) ? latest : requested;
    }

    /** How long a WAIT asked for {@code requested} (negative: as long as allowed) really waits. */
    public Duration waitTime(Duration requested) {
        return requested.isNegative() || requested.compareTo(waitCap) > 0 ? waitCap : requested;
    }

    private static void positive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
