package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;

/**
 * The requests of this instance waiting for jobs to change phase (blocking WAIT, event
 * streams), woken by {@link JobEvents}: one subscription per instance, fanned out here by job
 * id (or by owner, for the streams of a job list), so a thousand waiting clients cost no Redis
 * connection and no polling.
 */
public final class JobWaiters implements AutoCloseable {

    /** The most changes a waiter holds unread; a stream that falls further behind is told it lost some. */
    private static final int BACKLOG = 1000;

    private final ConcurrentHashMap<Object, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final JobEvents.Subscription subscription;

    public JobWaiters(JobEvents events) {
        this.subscription = requireNonNull(events, "events is null").subscribe(this::changed);
    }

    /**
     * Starts listening for changes of a job. Register before reading the job's phase: a change
     * between the read and the wait is then not missed.
     */
    public Waiter register(JobId id) {
        return join(requireNonNull(id, "id is null"));
    }

    /**
     * Starts listening for the changes of every job of an owner that the publishers name the
     * owner of ({@link PhaseChange#owner()}).
     */
    public Waiter registerOwner(String owner) {
        return join(new Owner(requireNonNull(owner, "owner is null")));
    }

    /** What owner waiters are filed under, apart from job ids. */
    private record Owner(String name) {
    }

    private Waiter join(Object id) {
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
        signal(waiting.get(change.id()), change);
        change.owner().ifPresent(owner -> signal(waiting.get(new Owner(owner)), change));
    }

    private static void signal(Set<Waiter> waiters, PhaseChange change) {
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.signal(change));
        }
    }

    /** One waiting request. */
    public final class Waiter implements AutoCloseable {

        private final Object id;
        private final BlockingQueue<PhaseChange> changes = new LinkedBlockingQueue<>(BACKLOG);
        private volatile boolean overflowed;

        private Waiter(Object id) {
            this.id = id;
        }

        /**
         * Waits for the next change of the job, at most {@code timeout}.
         *
         * @return whether a change came
         */
        public boolean awaitChange(Duration timeout) throws InterruptedException {
            return nextChange(timeout).isPresent();
        }

        /** The next change heard, waiting for it at most {@code timeout}. */
        public Optional<PhaseChange> nextChange(Duration timeout) throws InterruptedException {
            return Optional.ofNullable(changes.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
        }

        /** Whether changes were dropped because this waiter held {@value #BACKLOG} unread. */
        public boolean overflowed() {
            return overflowed;
        }

        private void signal(PhaseChange change) {
            if (!changes.offer(change)) {
                overflowed = true;
            }
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
