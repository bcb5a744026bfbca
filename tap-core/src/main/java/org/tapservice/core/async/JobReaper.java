package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.uws.ClusterLock;
import org.tapservice.core.uws.DestructionSchedule;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobStore;

/**
 * Destroys jobs whose destruction time has passed, with their results (UWS 2.1.5). Every
 * instance calls {@link #sweep()} on a timer; a {@link ClusterLock} held for the sweep period
 * lets one of them do it each period, so no two instances destroy the same job.
 */
public final class JobReaper {

    private static final Logger log = LoggerFactory.getLogger(JobReaper.class);
    private static final String LOCK = "reaper";

    private final DestructionSchedule schedule;
    private final JobStore archive;
    private final JobService jobs;
    private final ClusterLock lock;
    private final Clock clock;
    private final Duration period;
    private final int batch;

    /**
     * @param archive the store behind the schedule, told to forget a job that only it still
     *                knew (the hot copy had lost it)
     * @param period  how often instances sweep; the lock is held that long
     * @param batch   the most jobs one sweep destroys, so that a backlog cannot hold the lock
     *                past its period
     */
    public JobReaper(DestructionSchedule schedule, JobStore archive, JobService jobs, ClusterLock lock, Clock clock,
                     Duration period, int batch) {
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.archive = requireNonNull(archive, "archive is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.period = requireNonNull(period, "period is null");
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        this.batch = batch;
    }

    /** One sweep, if this instance holds the lock for this period; how many jobs it destroyed. */
    public int sweep() {
        if (!lock.tryAcquire(LOCK, period)) {
            return 0;
        }
        List<JobId> due = schedule.destructionDue(clock.instant(), batch);
        int destroyed = 0;
        for (JobId id : due) {
            try {
                if (jobs.destroyIfDue(id)) {
                    archive.delete(id);
                    destroyed++;
                }
            } catch (RuntimeException e) {
                log.warn("could not destroy job {}: {}", id, e.toString());
            }
        }
        return destroyed;
    }
}
