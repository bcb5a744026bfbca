package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The reference {@link JobQueue}, for instances sharing one JVM and one
 * {@link InMemoryJobStore}: the entries in the order offered, and per job the lease that holds
 * it. Every step of the queue runs under this queue's lock, so the steps are atomic among
 * themselves; the job's phase moves only through the store's own atomic steps, so a service
 * step on the job meanwhile (an ABORT, a DELETE) is the store's compare-and-set to win or lose,
 * as it is against the Redis queue's scripts.
 *
 * <p>Leases expire by the clock given, which the test controls: a lease lapses only when the
 * test moves the clock past its end. A lapsed lease is no lease at all: it can be neither
 * renewed, nor finished, nor released, just as an expired Redis key no longer exists.
 *
 * <p>A claim takes the first entry, in offer order, whose job is claimable; a job released or
 * taken over keeps its place.
 */
public final class InMemoryJobQueue implements JobQueue {

    /** The claim that holds a job, until when. */
    private record Held(String token, Instant until) {
    }

    private final InMemoryJobStore store;
    private final Clock clock;
    private final Set<JobId> entries = new LinkedHashSet<>();
    private final Map<JobId, Held> leases = new HashMap<>();

    /**
     * @param store the store of the jobs offered
     * @param clock what leases are timed by (Redis's clock, for the Redis queue)
     */
    public InMemoryJobQueue(InMemoryJobStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized void offer(JobId id) {
        entries.add(requireNonNull(id, "id is null"));
    }

    @Override
    public synchronized Optional<Lease> claim(Duration leaseTime, Instant startTime) {
        checkLeaseTime(leaseTime);
        requireNonNull(startTime, "startTime is null");
        Instant now = clock.instant();
        for (Iterator<JobId> next = entries.iterator(); next.hasNext(); ) {
            JobId id = next.next();
            ExecutionPhase phase = store.find(id).map(Job::phase).orElse(ExecutionPhase.UNKNOWN);
            if (phase == ExecutionPhase.EXECUTING && holder(id, now).isPresent()) {
                // its worker runs it; the entry waits for that lease to lapse or end
                continue;
            }
            TransitionResult taken = switch (phase) {
                case QUEUED -> store.transition(id, Set.of(ExecutionPhase.QUEUED), ExecutionPhase.EXECUTING,
                        JobChange.started(startTime));
                // its worker's lease lapsed: the job is taken over and run from the start
                case EXECUTING -> store.restart(id, JobChange.started(startTime));
                default -> new TransitionResult.NotFound();
            };
            if (taken instanceof TransitionResult.Applied(Job started)) {
                String token = UUID.randomUUID().toString();
                leases.put(id, new Held(token, now.plus(leaseTime)));
                return Optional.of(new Lease(started, token));
            }
            // gone, or moved by a service step (aborted while queued): the entry is stale
            next.remove();
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean renew(Lease lease, Duration leaseTime) {
        requireNonNull(lease, "lease is null");
        checkLeaseTime(leaseTime);
        Instant now = clock.instant();
        if (!holds(lease, now) || !isExecuting(lease.id())) {
            return false;
        }
        leases.put(lease.id(), new Held(lease.token(), now.plus(leaseTime)));
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if UWS does not allow EXECUTING to move to the target, or
     *         the change sets a client field: a worker ending a job sets only the service's
     *         fields (as the Redis queue insists too)
     */
    @Override
    public synchronized TransitionResult finish(Lease lease, ExecutionPhase target, JobChange change) {
        requireNonNull(lease, "lease is null");
        requireNonNull(change, "change is null");
        PhaseTransitions.checkRequest(Set.of(ExecutionPhase.EXECUTING), target);
        for (JobChange.Field field : change.fields()) {
            if (field.isClientField()) {
                throw new IllegalArgumentException(field + " is the client's to change, not a finishing worker's");
            }
        }
        JobId id = lease.id();
        Optional<Job> job = store.find(id);
        TransitionResult result;
        if (job.isEmpty()) {
            result = new TransitionResult.NotFound();
        } else if (!holds(lease, clock.instant())) {
            result = new TransitionResult.Refused(job.get().phase());
        } else {
            // the store refuses if the job was aborted since the check above
            result = store.transition(id, Set.of(ExecutionPhase.EXECUTING), target, change);
        }
        if (result instanceof TransitionResult.Applied) {
            leases.remove(id);
        }
        boolean runsElsewhere = result instanceof TransitionResult.Refused(ExecutionPhase current)
                && current == ExecutionPhase.EXECUTING;
        if (!runsElsewhere) {
            // still EXECUTING under another lease or none: the entry is what lets it be taken over
            entries.remove(id);
        }
        return result;
    }

    @Override
    public synchronized void release(Lease lease) {
        requireNonNull(lease, "lease is null");
        if (holds(lease, clock.instant())) {
            leases.remove(lease.id());
        }
    }

    /** {@inheritDoc} A lease on the job is left to lapse, as the Redis queue leaves its key. */
    @Override
    public synchronized void remove(JobId id) {
        entries.remove(requireNonNull(id, "id is null"));
    }

    /** Whether the job is on the queue: what a test checks after an ABORT or a DELETE. */
    public synchronized boolean contains(JobId id) {
        return entries.contains(requireNonNull(id, "id is null"));
    }

    /** The lease holding the job now, if one does. */
    private Optional<Held> holder(JobId id, Instant now) {
        return Optional.ofNullable(leases.get(id)).filter(held -> held.until().isAfter(now));
    }

    private boolean holds(Lease lease, Instant now) {
        return holder(lease.id(), now).filter(held -> held.token().equals(lease.token())).isPresent();
    }

    private boolean isExecuting(JobId id) {
        return store.find(id).map(Job::phase).filter(ExecutionPhase.EXECUTING::equals).isPresent();
    }

    private static void checkLeaseTime(Duration leaseTime) {
        requireNonNull(leaseTime, "leaseTime is null");
        if (leaseTime.isNegative() || leaseTime.isZero()) {
            throw new IllegalArgumentException("a lease time must be positive: " + leaseTime);
        }
    }
}
