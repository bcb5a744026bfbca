package org.tapservice.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tapservice.core.async.WorkerPool;

/**
 * The workers' part of an orderly shutdown (SIGTERM): before the web server stops taking
 * requests, this instance stops claiming jobs and lets those it runs finish, for at most the
 * grace period. Whatever still runs then is handed back to the queue when the pool closes, and
 * another instance runs it at once. Meanwhile clients can still read and WAIT on their jobs
 * here.
 *
 * <p>Its phase is the default one, above the web server's graceful shutdown, so Spring stops it
 * first.
 */
public final class WorkerShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final WorkerPool workers;
    private final Duration grace;
    private volatile boolean running;

    public WorkerShutdown(WorkerPool workers, Duration grace) {
        this.workers = requireNonNull(workers, "workers is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int jobs = workers.runningJobs();
        log.info("stopping: no more jobs are claimed here; waiting up to {} for the {} running", grace, jobs);
        try {
            if (!workers.drain(grace)) {
                log.info("stopping: {} jobs still running after {} are handed back to the queue",
                        workers.runningJobs(), grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
