package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLog;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.JobLoggingContext;
import org.tapservice.core.uws.JobQueue;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.PhaseChange;

/**
 * This instance's workers: a fixed number of virtual threads, each taking a job from the shared
 * {@link JobQueue}, running it ({@link JobRunner}) and taking the next. Idle workers sleep until
 * an event says a job was queued (or {@link WorkerSettings#idlePoll()} passes).
 *
 * <p>While a job runs here, its lease is renewed every third of the lease time; an ABORT heard
 * from any instance, a lease found lost, or the job's execution duration running out cancels
 * its query at once.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** A job running here: how to stop it, and the timer that aborts it when its time is up. */
    private record Running(Lease lease, QueryControl control, ScheduledFuture<?> deadline) {
    }

    private final JobQueue queue;
    private final JobEvents events;
    private final JobLog jobLog;
    private final JobService jobs;
    private final JobRunner runner;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Map<JobId, Running> running = new ConcurrentHashMap<>();
    private final Semaphore queued = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private JobEvents.Subscription subscription;
    private volatile boolean stopping;

    public WorkerPool(JobQueue queue, JobEvents events, JobLog jobLog, JobService jobs, JobRunner runner,
                      WorkerSettings settings, Clock clock) {
        this.queue = requireNonNull(queue, "queue is null");
        this.events = requireNonNull(events, "events is null");
        this.jobLog = requireNonNull(jobLog, "jobLog is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("uws-timers")
                .factory());
    }

    /** Starts the workers and the lease renewals. */
    public synchronized void start() {
        if (subscription != null) {
            throw new IllegalStateException("the worker pool has started already");
        }
        subscription = events.subscribe(this::heard);
        long renew = settings.renewEvery().toMillis();
        timers.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofVirtual().name("uws-worker-" + i).start(this::work));
        }
    }

    /** How many jobs run here now. */
    public int runningJobs() {
        return running.size();
    }

    /**
     * The first step of an orderly shutdown: stops taking jobs, and waits up to {@code grace}
     * for the jobs running here to end. Those still running then are for {@link #close} to
     * hand back. Events are still heard meanwhile, so an ABORT still stops a job.
     *
     * @return whether every job running here has ended
     */
    public boolean drain(Duration grace) throws InterruptedException {
        stopping = true;
        // idle workers wake up now and see that they are to stop
        queued.release(settings.workers());
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread worker : List.copyOf(workers)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops taking jobs and cancels the ones running, handing each back to the queue
     * ({@link JobQueue#release}) so that another instance runs it at once.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        if (subscription != null) {
            subscription.close();
        }
        running.values().forEach(job -> job.control().cancel());
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
    }

    private void work() {
        try (JobLoggingContext context = JobLoggingContext.instance(settings.instance())) {
            takeJobs();
        }
    }

    private void takeJobs() {
        while (!stopping) {
            try {
                Optional<Lease> lease = queue.claim(settings.leaseTime(), clock.instant());
                if (lease.isPresent()) {
                    run(lease.get());
                } else {
                    queued.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the state store is unreachable: wait as an idle worker would, then try again
                log.warn("worker could not take a job: {}", e.toString());
                try {
                    Thread.sleep(settings.idlePoll());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void run(Lease lease) {
        JobId id = lease.id();
        QueryControl control = runner.controlFor(lease.job());
        Instant end = lease.job().startTime().orElseGet(clock::instant).plus(lease.job().executionDuration());
        long delay = Math.max(0, Duration.between(clock.instant(), end).toMillis());
        ScheduledFuture<?> deadline = timers.schedule(() -> overran(id), delay, TimeUnit.MILLISECONDS);
        running.put(id, new Running(lease, control, deadline));
        try (JobLoggingContext context = JobLoggingContext.of(lease.job(), settings.instance())) {
            // told only once registered: an ABORT sent on hearing that the job runs must find it here
            events.publish(PhaseChange.of(lease.job()));
            stopIfAbortedBeforeRegistered(lease, control);
            Instant started = clock.instant();
            Optional<ExecutionPhase> phase = runner.run(lease, control);
            // one line per run, naming the job and its owner (logging context): what operators search
            log.info("job {} ran here for {} ms and is {}", id, Duration.between(started, clock.instant()).toMillis(),
                    phase.map(ExecutionPhase::value).orElse("left unfinished (cancelled)"));
            if (phase.isEmpty() && stopping) {
                // handed back at once rather than after the lease lapses: another instance runs it
                queue.release(lease);
                jobLog.append(id, JobLogEvents.handedBack());
                log.info("job {} handed back to the queue: this instance is stopping", id);
            }
        } finally {
            deadline.cancel(false);
            running.remove(id);
        }
    }

    /**
     * An ABORT between the claim and the job's registration here found no run to cancel, and
     * the query would go on until the next lease renewal noticed. The lease says whether the job
     * is still this run's: renewing it once now closes that window (an ABORT after the
     * registration is heard). A renewal that fails is left to the regular renewals.
     */
    private void stopIfAbortedBeforeRegistered(Lease lease, QueryControl control) {
        try {
            if (!queue.renew(lease, settings.leaseTime())) {
                control.cancel();
            }
        } catch (RuntimeException e) {
            log.warn("job {}: lease renewal at start failed: {}", lease.id(), e.toString());
        }
    }

    private void overran(JobId id) {
        Running job = running.get(id);
        if (job == null) {
            return;
        }
        try (JobLoggingContext context = JobLoggingContext.of(job.lease().job(), settings.instance())) {
            try {
                jobs.abortOverrun(id);
            } catch (RuntimeException e) {
                log.warn("job {} overran its execution duration and could not be aborted: {}", id, e.toString());
            }
            // the ABORTED event cancels it too; this instance need not wait for its own event
            cancel(id);
        }
    }

    private void heard(PhaseChange change) {
        switch (change.phase()) {
            case QUEUED -> queued.release();
            case ABORTED -> cancel(change.id());
            default -> { }
        }
    }

    private void renewLeases() {
        for (Running job : running.values()) {
            try (JobLoggingContext context = JobLoggingContext.of(job.lease().job(), settings.instance())) {
                if (!queue.renew(job.lease(), settings.leaseTime())) {
                    log.info("job {}: lease lost (aborted, deleted or taken over); stopping it", job.lease().id());
                    job.control().cancel();
                    jobLog.append(job.lease().id(), JobLogEvents.leaseLost());
                }
            } catch (RuntimeException e) {
                // one failed renewal is not a lost lease: two more come before it lapses
                log.warn("job {}: lease renewal failed: {}", job.lease().id(), e.toString());
            }
        }
    }

    private void cancel(JobId id) {
        Running job = running.get(id);
        if (job != null) {
            job.control().cancel();
        }
    }
}
