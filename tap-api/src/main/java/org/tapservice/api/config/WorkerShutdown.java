package org.tapservice.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.tapservice.core.async.WorkerPool;

/**
 * The workers' part of an orderly shutdown (SIGTERM): before the web server stops taking
 * requests, this instance stops claiming jobs and lets those it runs finish, for at most the
 * grace period. Whatever still runs then is handed back to the queue when the pool closes, and
 * another instance runs it at once. Meanwhile clients can still read and WAIT on their jobs
 * here.
 *
 * <p>It acts on the context's closing, which Spring announces before it stops any lifecycle
 * (the web server's graceful shutdown among them), and not on a lifecycle stop: a context is
 * also stopped to be started again (a test framework pauses the contexts it caches), and the
 * workers must not end then.
 */
public final class WorkerShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final WorkerPool workers;
    private final Duration grace;

    public WorkerShutdown(WorkerPool workers, Duration grace) {
        this.workers = requireNonNull(workers, "workers is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        log.info("stopping: no more jobs are claimed here; waiting up to {} for the {} running", grace,
                workers.runningJobs());
        try {
            if (!workers.drain(grace)) {
                log.info("stopping: {} jobs still running after {} are handed back to the queue",
                        workers.runningJobs(), grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
