package org.tapservice.core.uws;

import java.util.Optional;
import java.util.Set;

/**
 * Where UWS jobs live: the port the Redis store (hot copy), the PostgreSQL archive and the
 * in-memory reference implementation share. Sized like Spring Session's SessionRepository,
 * with CADC's compare-and-set phase change in place of a blind save: two instances acting on
 * the same job at once must leave one consistent outcome, so no method writes a job read
 * earlier back whole.
 *
 * <p>Every implementation obeys {@code JobStoreContract} (tap-core's test-jar); its tests are
 * the precise contract. In short:
 * <ul>
 *   <li>each method is atomic for the one job it names;</li>
 *   <li>phases move only through {@link #transition}, only along {@link PhaseTransitions};</li>
 *   <li>a job stored is read back equal to what was written (times to the millisecond);</li>
 *   <li>a store never consults a clock: every time it records comes from the caller.</li>
 * </ul>
 */
public interface JobStore {

    /**
     * Stores a new job, which UWS says starts PENDING.
     *
     * @throws IllegalStateException    if a job with this id exists already
     * @throws IllegalArgumentException if the job is not PENDING
     */
    void create(Job job);

    /** The job with this id, if it exists. */
    Optional<Job> find(JobId id);

    /**
     * Compare-and-set of the phase: moves the job to {@code target} and applies {@code change}
     * in one atomic step, only if its current phase is one of {@code expected}; otherwise
     * changes nothing and says what the phase is.
     *
     * @throws IllegalArgumentException if {@code expected} is empty or holds a phase UWS
     *         does not allow to move to {@code target} ({@link PhaseTransitions#checkRequest}),
     *         whatever phase the job is in
     */
    TransitionResult transition(JobId id, Set<ExecutionPhase> expected, ExecutionPhase target, JobChange change);

    /**
     * Changes a job's client fields without moving its phase, atomically with the check that
     * its current phase allows it ({@link JobChange#isAllowedWhile}: parameters, run id and
     * execution duration only while PENDING).
     *
     * @throws IllegalArgumentException if the change sets a field only a transition may set
     *         ({@link JobChange#checkIsUpdate})
     */
    UpdateResult update(JobId id, JobChange change);

    /**
     * Forgets the job. Its results are the result store's to delete; the caller aborts an
     * executing job first.
     *
     * @return whether there was such a job
     */
    boolean delete(JobId id);

    /** The jobs the filter selects, newest first ({@link JobFilter}). */
    JobPage list(JobFilter filter);

    /**
     * Returns once the job's current state is as durable as a creation is acknowledged to be
     * (a store that is its own record does nothing). A client told that PHASE=RUN queued its job
     * must not find it PENDING after the hot copy is lost and rebuilt from the record.
     */
    default void awaitDurable(JobId id) {
    }
}
