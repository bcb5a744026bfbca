package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference {@link ClusterLock}, for instances sharing one JVM: per name the time until
 * which it is held. A lock lapses when the clock given passes that time, so a test decides
 * when a period is over by moving its clock.
 */
public final class InMemoryClusterLock implements ClusterLock {

    private final Clock clock;
    private final Map<String, Instant> heldUntil = new HashMap<>();

    public InMemoryClusterLock(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the hold is not positive: a lock held for no time
     *         would let every instance in at once
     */
    @Override
    public synchronized boolean tryAcquire(String name, Duration hold) {
        requireNonNull(name, "name is null");
        requireNonNull(hold, "hold is null");
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a lock must be held for some time: " + hold);
        }
        Instant now = clock.instant();
        Instant until = heldUntil.get(name);
        if (until != null && until.isAfter(now)) {
            return false;
        }
        heldUntil.put(name, now.plus(hold));
        return true;
    }
}
