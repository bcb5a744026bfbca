package org.tapservice.api.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.tapservice.state.redis.JobTotals;
import org.tapservice.state.redis.RedisJobQueue;
import org.tapservice.state.redis.RedisQuotaLedger;

/**
 * The shared job state as gauges, read from Redis when scraped: {@code tap_jobs_queued}, the
 * shared queue's depth, which the HorizontalPodAutoscaler's external metric divides by the
 * number of replicas; {@code tap_jobs{phase}}, the jobs PENDING, QUEUED and EXECUTING; and
 * {@code tap_results_stored_bytes}. Every instance reports the same numbers (they are Redis'),
 * so dashboards take the max over instances, not the sum. While Redis is unreachable the
 * gauges have no value (NaN) rather than a wrong one.
 *
 * <p>The phase counts are the quota counters' per-bucket totals, a fixed 4096 keys read in one
 * pipelined round however many jobs there are ({@link RedisQuotaLedger#totals()}); one reading
 * serves every gauge of a scrape, and is kept for {@link #FRESH_FOR}. Finished phases are not
 * gauges: a finished job stays until its destruction, days later, so a count of them says
 * little; their arrivals are {@code tap_job_transitions_total} ({@link JobEventMetrics}).
 */
public final class JobMetrics implements MeterBinder {

    /** Long enough for one scrape to read every gauge from one reading, short beside any scrape interval. */
    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Reading(long atNanos, Optional<JobTotals> totals) {
    }

    private final RedisJobQueue queue;
    private final RedisQuotaLedger ledger;
    private volatile Reading last = new Reading(0, Optional.empty());

    public JobMetrics(RedisJobQueue queue, RedisQuotaLedger ledger) {
        this.queue = requireNonNull(queue, "queue is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tap.jobs.queued", this, JobMetrics::depth)
                .description("Jobs in the shared queue, waiting for a worker of any instance").register(registry);
        phase(registry, "PENDING", JobTotals::pending);
        phase(registry, "QUEUED", JobTotals::queued);
        phase(registry, "EXECUTING", JobTotals::executing);
        Gauge.builder("tap.results.stored", this, metrics -> metrics.total(JobTotals::resultBytes)).baseUnit("bytes")
                .description("Bytes of async results kept, over every owner (what storage quotas count)")
                .register(registry);
    }

    private void phase(MeterRegistry registry, String phase, ToLongFunction<JobTotals> count) {
        Gauge.builder("tap.jobs", this, metrics -> metrics.total(count)).tag("phase", phase)
                .description("Jobs in an unfinished UWS phase, over every owner and instance").register(registry);
    }

    private double depth() {
        try {
            return queue.depth();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private double total(ToLongFunction<JobTotals> count) {
        return totals().map(count::applyAsLong).map(Long::doubleValue).orElse(Double.NaN);
    }

    private Optional<JobTotals> totals() {
        Reading reading = last;
        long now = System.nanoTime();
        if (reading.atNanos() != 0 && now - reading.atNanos() < FRESH_FOR.toNanos()) {
            return reading.totals();
        }
        Optional<JobTotals> totals;
        try {
            totals = Optional.of(ledger.totals());
        } catch (RuntimeException unreachable) {
            totals = Optional.empty();
        }
        last = new Reading(now, totals);
        return totals;
    }
}
