package org.tapservice.api.metrics;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.tapservice.core.quota.QuotaExceeded;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobObserver;

/**
 * What this instance's steps did to jobs, as counters (summed over instances, each step counts
 * once): {@code tap_job_transitions_total{phase}}, the phases jobs reached (QUEUED by a RUN,
 * EXECUTING by a claim, COMPLETED, ERROR, ABORTED); {@code tap_job_takeovers_total}, claims
 * that started again a job whose lease had lapsed or been handed back; {@code
 * tap_job_attempts_exhausted_total}, jobs ended in ERROR because every instance that ran them
 * stopped; and {@code tap_quota_refusals_total{quota}}, what each limit of the quotas stopped.
 *
 * <p>Quota labels: {@code queued-jobs} and {@code stored-bytes} count RUNs answered 429 (and
 * {@code stored-bytes} also results stopped by the limit, their jobs ending in ERROR),
 * {@code sync-rate} sync queries answered 429, and {@code executing-jobs} the times a claim
 * left a job QUEUED because its owner runs as many as allowed: that limit refuses nothing, the
 * job is looked at again half a second later, so this counts looks, not jobs.
 *
 * <p>Every series exists from the start at 0, so that alerts on a rate see the first event.
 */
public final class JobEventMetrics implements JobObserver {

    /** The label of each limit, as the quota settings name them. */
    public static final String QUEUED_JOBS = "queued-jobs";
    public static final String STORED_BYTES = "stored-bytes";
    public static final String SYNC_RATE = "sync-rate";
    public static final String EXECUTING_JOBS = "executing-jobs";

    private static final ExecutionPhase[] REACHED = {ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING,
            ExecutionPhase.COMPLETED, ExecutionPhase.ERROR, ExecutionPhase.ABORTED};

    private final Map<ExecutionPhase, Counter> transitions = new EnumMap<>(ExecutionPhase.class);
    private final Map<String, Counter> refusals;
    private final Counter takeovers;
    private final Counter exhausted;

    public JobEventMetrics(MeterRegistry registry) {
        requireNonNull(registry, "registry is null");
        for (ExecutionPhase phase : REACHED) {
            transitions.put(phase, Counter.builder("tap.job.transitions").tag("phase", phase.value())
                    .description("Phase changes made by this instance, by the phase reached").register(registry));
        }
        refusals = Map.of(QUEUED_JOBS, refusal(registry, QUEUED_JOBS), STORED_BYTES, refusal(registry, STORED_BYTES),
                SYNC_RATE, refusal(registry, SYNC_RATE), EXECUTING_JOBS, refusal(registry, EXECUTING_JOBS));
        takeovers = Counter.builder("tap.job.takeovers")
                .description("Jobs this instance took over after their lease lapsed or was handed back")
                .register(registry);
        exhausted = Counter.builder("tap.job.attempts.exhausted")
                .description("Jobs ended in ERROR because the instances running them stopped as often as allowed")
                .register(registry);
    }

    private static Counter refusal(MeterRegistry registry, String quota) {
        return Counter.builder("tap.quota.refusals").tag("quota", quota)
                .description("Requests refused, results stopped, or claims held back by a quota limit")
                .register(registry);
    }

    @Override
    public void reached(Job job) {
        Counter counter = transitions.get(job.phase());
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void tookOver(Job job) {
        takeovers.increment();
    }

    @Override
    public void gaveUp(Job job) {
        exhausted.increment();
    }

    @Override
    public void heldBackByQuota(JobId id) {
        refusals.get(EXECUTING_JOBS).increment();
    }

    @Override
    public void resultOverQuota(JobId id) {
        refusals.get(STORED_BYTES).increment();
    }

    /** A request answered 429 by this limit. */
    public void refused(QuotaExceeded.Kind kind) {
        refusals.get(switch (kind) {
            case QUEUED_JOBS -> QUEUED_JOBS;
            case STORED_BYTES -> STORED_BYTES;
            case SYNC_REQUESTS -> SYNC_RATE;
        }).increment();
    }
}
