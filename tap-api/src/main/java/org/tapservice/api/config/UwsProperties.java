package org.tapservice.api.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Async jobs ({@code tap.uws.*}): the limits clients see, how this instance works the shared
 * queue, and where job state and results live. The Redis connection itself is Spring Boot's
 * {@code spring.data.redis.*} (standalone, Sentinel or cluster).
 *
 * @param namespace    the prefix of every Redis key of this deployment
 * @param workers      jobs this instance runs at once
 * @param leaseTime    how long a claim on a job lasts unrenewed: a job whose instance died is
 *                     taken over within this plus {@code idlePoll} (25 s + 2 s by default)
 * @param idlePoll     how often idle workers look at the queue without an event
 * @param maxAttempts  how many times a job is started before it is given up (ERROR): a job
 *                     whose instances keep dying while they run it is not retried forever
 * @param shutdownGrace how long a stopping instance lets its running jobs finish before it
 *                     hands the rest back to the queue for other instances
 * @param expiryMargin how long Redis keeps a job past its destruction time (the reaper's slack)
 * @param durability   what acknowledging a job's creation waits for
 * @param results      where results are kept
 */
@ConfigurationProperties("tap.uws")
public record UwsProperties(@DefaultValue("tap") String namespace,
                            @DefaultValue("8") int workers,
                            @DefaultValue("25s") Duration leaseTime,
                            @DefaultValue("2s") Duration idlePoll,
                            @DefaultValue("3") int maxAttempts,
                            @DefaultValue("20s") Duration shutdownGrace,
                            @DefaultValue("10s") Duration grace,
                            @DefaultValue Limits limits,
                            @DefaultValue("1h") Duration expiryMargin,
                            @DefaultValue Durability durability,
                            @DefaultValue Results results,
                            @DefaultValue Housekeeping housekeeping) {

    /** What clients may ask for (UWS leaves the limits to the service). */
    public record Limits(@DefaultValue("1h") Duration defaultExecutionDuration,
                         @DefaultValue("4h") Duration maxExecutionDuration,
                         @DefaultValue("7d") Duration defaultLifetime,
                         @DefaultValue("30d") Duration maxLifetime,
                         @DefaultValue("60s") Duration waitCap) {
    }

    /**
     * What an acknowledged creation has survived: {@code archive} (written to the PostgreSQL
     * job archive before the answer), {@code replicas} (acknowledged by this many Redis
     * replicas) or {@code none} (Redis' answer only).
     */
    public record Durability(@DefaultValue("archive") String mode,
                             @DefaultValue("1") int replicas,
                             @DefaultValue("1s") Duration replicaTimeout) {
    }

    /**
     * {@code postgres} (the state database) or {@code directory} (a volume every instance mounts,
     * at {@code directory}); {@code conversionWait}: how long a request for a result in another
     * format waits for the conversion another request is making before it is answered 503.
     */
    public record Results(@DefaultValue("postgres") String store, Path directory,
                          @DefaultValue("5m") Duration conversionWait) {
    }

    /**
     * The periodic work every instance does; {@code quotaCheck}: how often the quota counts are
     * compared with the jobs and corrected where they drifted; {@code reconcilePeriod}: how
     * often one instance looks at a page of the jobs for QUEUED or EXECUTING ones missing from
     * the queue (and whether Redis is another server, after which it looks at all of them);
     * {@code reconcileGrace}: how long such a job is left alone before it is offered again, as
     * it may be between its two steps.
     */
    public record Housekeeping(@DefaultValue("500ms") Duration journalDrain,
                               @DefaultValue("2s") Duration recoveryCheck,
                               @DefaultValue("60s") Duration reaperPeriod,
                               @DefaultValue("10m") Duration quotaCheck,
                               @DefaultValue("2s") Duration reconcilePeriod,
                               @DefaultValue("10s") Duration reconcileGrace) {
    }
}
