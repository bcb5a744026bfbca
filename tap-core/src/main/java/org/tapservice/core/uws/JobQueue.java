package org.tapservice.core.uws;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The queue every instance's workers take jobs from, shared by all instances: a job put on it
 * runs on exactly one of them at a time, under a {@link Lease} the worker keeps renewing.
 *
 * <p>The queue holds job ids; the job's phase stays in the {@link JobStore}, and a claim moves
 * it QUEUED to EXECUTING in the same atomic step that grants the lease. A job stays on the
 * queue until its worker finishes it: an entry whose lease lapses becomes claimable again, so
 * a job whose instance died is taken over by another (UWS has no EXECUTING to QUEUED; the job
 * stays EXECUTING and the new lease says who runs it).
 */
public interface JobQueue {

    /**
     * Makes a QUEUED job claimable, after the jobs offered before it. Offering a job already on
     * the queue changes nothing.
     */
    void offer(JobId id);

    /**
     * Takes the next claimable job: one that is QUEUED, or EXECUTING with a lapsed lease. Moves
     * it to EXECUTING with {@link JobChange#started(Instant)} and leases it to the caller for
     * {@code leaseTime}, in one atomic step. Entries whose job is gone or in another phase
     * (aborted while queued, deleted) are dropped on the way.
     *
     * @return the lease, or empty if nothing is claimable now
     */
    Optional<Lease> claim(Duration leaseTime, Instant startTime);

    /**
     * Extends a lease by {@code leaseTime} from now.
     *
     * @return false if the lease is lost: it lapsed and the job was claimed again, or the job
     *         left EXECUTING (aborted, deleted); the worker should stop
     */
    boolean renew(Lease lease, Duration leaseTime);

    /**
     * Moves the leased job from EXECUTING to a final phase with its change, only while the
     * lease still holds it, and takes the job off the queue. A job aborted meanwhile is
     * {@link TransitionResult.Refused} and keeps its ABORTED phase.
     */
    TransitionResult finish(Lease lease, ExecutionPhase target, JobChange change);

    /**
     * Gives a job back unfinished: its lease ends now and the job is claimable again at once,
     * by any instance, and run from the start. For a worker that stops (its instance shuts
     * down); a lease no longer the caller's is left alone.
     */
    void release(Lease lease);

    /** Takes a job off the queue, whatever its state (it was aborted, deleted or destroyed). */
    void remove(JobId id);
}
