package org.tapservice.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.async.JobReaper;
import org.tapservice.state.redis.JobReconciler;
import org.tapservice.state.redis.JournalArchiver;
import org.tapservice.state.redis.RedisQuotaLedger;
import org.tapservice.state.redis.StateRecovery;

/**
 * The periodic work every instance does for the shared state: archiving the journal, noticing
 * an empty Redis and rebuilding it, reaping jobs past their destruction time, checking the
 * quota counts against the jobs, and offering again jobs missing from the queue. Each task is
 * safe on any number of instances at once; a failure is logged and the task tried again at its
 * next turn.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JournalArchiver archiver;
    private final StateRecovery recovery;
    private final JobReaper reaper;
    private final RedisQuotaLedger quotas;
    private final JobReconciler reconciler;
    private final UwsProperties.Housekeeping periods;
    /**
     * After Redis lost its data the rebuild and the reconciliation's sweep of every job run at
     * once for a while; a third thread keeps the journal draining meanwhile.
     */
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(3,
            Thread.ofPlatform().daemon().name("uws-housekeeping-", 0).factory());

    public Housekeeping(JournalArchiver archiver, StateRecovery recovery, JobReaper reaper, RedisQuotaLedger quotas,
                        JobReconciler reconciler, UwsProperties.Housekeeping periods) {
        this.archiver = requireNonNull(archiver, "archiver is null");
        this.recovery = requireNonNull(recovery, "recovery is null");
        this.reaper = requireNonNull(reaper, "reaper is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.periods = requireNonNull(periods, "periods is null");
    }

    public void start() {
        // recovery first: a new deployment (or a flushed Redis) is rebuilt before anything else
        every(periods.recoveryCheck(), "state recovery", () -> {
            if (recovery.recoverIfLost()) {
                log.info("Redis lacked jobs of the archive: rebuilt it from the job archive");
            }
        });
        every(periods.journalDrain(), "journal archiving", () -> {
            // again at once only after a full batch, so that a burst is archived in one turn;
            // a steady flow waits for the period instead, and a job's creation, start and end,
            // journaled within one period, come down to one write of its rows (draining on
            // while anything at all was read made a transaction for every four small jobs)
            int archived;
            do {
                archived = archiver.drain();
            } while (archived >= archiver.batchSize());
        });
        every(periods.reaperPeriod(), "job reaper", () -> {
            int destroyed = reaper.sweep();
            if (destroyed > 0) {
                log.info("destroyed {} jobs past their destruction time", destroyed);
            }
        });
        // every instance checks: a check is a read of each holding, and a correction is idempotent
        every(periods.quotaCheck(), "quota check", () -> {
            int corrected = quotas.correctDrift();
            if (corrected > 0) {
                log.warn("quota counts of {} jobs had drifted from the jobs and were corrected", corrected);
            }
        });
        // every instance turns; the reconciler's lock gives each period's turn to one of them
        every(periods.reconcilePeriod(), "job reconciliation", () -> reconciler.turn());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void every(Duration period, String task, Runnable work) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, tried again in {}: {}", task, period, e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
