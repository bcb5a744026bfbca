package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;

/**
 * The requests of this instance waiting for jobs to change phase (blocking WAIT), woken by
 * {@link JobEvents}: one subscription per instance, fanned out here by job id, so a thousand
 * waiting clients cost no Redis connection and no polling.
 */
public final class JobWaiters implements AutoCloseable {

    private final ConcurrentHashMap<JobId, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final JobEvents.Subscription subscription;

    public JobWaiters(JobEvents events) {
        this.subscription = requireNonNull(events, "events is null").subscribe(this::changed);
    }

    /**
     * Starts listening for changes of a job. Register before reading the job's phase: a change
     * between the read and the wait is then not missed.
     */
    public Waiter register(JobId id) {
        requireNonNull(id, "id is null");
        Waiter waiter = new Waiter(id);
        // added inside compute, as close() removes inside it: a set emptied and dropped by a
        // closing waiter is never the one a new waiter joins
        waiting.compute(id, (key, waiters) -> {
            Set<Waiter> joined = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            joined.add(waiter);
            return joined;
        });
        return waiter;
    }

    /** How many requests wait now (for metrics and tests). */
    public int size() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        subscription.close();
    }

    private void changed(PhaseChange change) {
        Set<Waiter> waiters = waiting.get(change.id());
        if (waiters != null) {
            waiters.forEach(Waiter::signal);
        }
    }

    /** One waiting request. */
    public final class Waiter implements AutoCloseable {

        private final JobId id;
        private final Semaphore changes = new Semaphore(0);

        private Waiter(JobId id) {
            this.id = id;
        }

        /**
         * Waits for the next change of the job, at most {@code timeout}.
         *
         * @return whether a change came
         */
        public boolean awaitChange(Duration timeout) throws InterruptedException {
            return changes.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        }

        private void signal() {
            changes.release();
        }

        @Override
        public void close() {
            waiting.computeIfPresent(id, (key, waiters) -> {
                waiters.remove(this);
                return waiters.isEmpty() ? null : waiters;
            });
        }
    }
}
