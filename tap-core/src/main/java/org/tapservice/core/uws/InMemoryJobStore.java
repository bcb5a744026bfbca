package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The reference {@link JobStore}: jobs in a map, each step atomic through
 * {@link ConcurrentMap#compute}, which runs one job's steps one at a time while steps on
 * different jobs run in parallel. It is the reference behaviour and tap-core's test fake:
 * its state belongs to one instance, which the service proper must never have.
 */
public final class InMemoryJobStore implements JobStore {

    private final ConcurrentMap<JobId, Job> jobs = new ConcurrentHashMap<>();

    @Override
    public void create(Job job) {
        requireNonNull(job, "job is null");
        if (job.phase() != ExecutionPhase.PENDING) {
            throw new IllegalArgumentException("a new job must be PENDING, not " + job.phase());
        }
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("job " + job.id() + " exists already");
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(requireNonNull(id, "id is null")));
    }

    @Override
    public TransitionResult transition(JobId id, Set<ExecutionPhase> expected, ExecutionPhase target,
                                       JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        PhaseTransitions.checkRequest(expected, target);
        return move(id, phase -> expected.contains(phase) && PhaseTransitions.isAllowed(phase, target), target,
                change);
    }

    /**
     * Applies a claim's change to an EXECUTING job that stays EXECUTING: a worker taking over
     * a job whose lease lapsed ({@link JobQueue#claim}) records its own start. {@link #transition}
     * rightly refuses a phase moving to itself; for a queue the lease, not the phase, says who
     * runs the job, so the in-memory queue of tap-core's tests takes this step instead.
     */
    TransitionResult restart(JobId id, JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        return move(id, phase -> phase == ExecutionPhase.EXECUTING, ExecutionPhase.EXECUTING, change);
    }

    private TransitionResult move(JobId id, Predicate<ExecutionPhase> allowed, ExecutionPhase target,
                                  JobChange change) {
        // compute's function runs once, under the map's lock for this key; the outcome leaves
        // through this one-element array because compute can only return the new value.
        TransitionResult[] outcome = {new TransitionResult.NotFound()};
        jobs.computeIfPresent(id, (key, job) -> {
            if (!allowed.test(job.phase())) {
                outcome[0] = new TransitionResult.Refused(job.phase());
                return job;
            }
            Job moved = change.applyTo(job).withPhase(target);
            outcome[0] = new TransitionResult.Applied(moved);
            return moved;
        });
        return outcome[0];
    }

    @Override
    public UpdateResult update(JobId id, JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        change.checkIsUpdate();
        UpdateResult[] outcome = {new UpdateResult.NotFound()};
        jobs.computeIfPresent(id, (key, job) -> {
            if (!change.isAllowedWhile(job.phase())) {
                outcome[0] = new UpdateResult.Refused(job.phase());
                return job;
            }
            Job updated = change.applyTo(job);
            outcome[0] = new UpdateResult.Updated(updated);
            return updated;
        });
        return outcome[0];
    }

    @Override
    public boolean delete(JobId id) {
        return jobs.remove(requireNonNull(id, "id is null")) != null;
    }

    @Override
    public JobPage list(JobFilter filter) {
        requireNonNull(filter, "filter is null");
        return filter.select(jobs.values().stream().map(JobRef::of).toList());
    }
}
