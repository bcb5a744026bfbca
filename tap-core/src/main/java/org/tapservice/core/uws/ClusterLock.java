package org.tapservice.core.uws;

import java.time.Duration;

/**
 * A named lock shared by every instance, for periodic work that one instance at a time should
 * do (the reaper's sweep, rebuilding lost state). It is never released: it lapses after the
 * time it was taken for, which is the period of the work it guards.
 */
public interface ClusterLock {

    /** Takes the lock for {@code hold} if no instance holds it; whether this caller got it. */
    boolean tryAcquire(String name, Duration hold);
}
