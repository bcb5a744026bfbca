package org.tapservice.api.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.tapservice.state.redis.RedisJobQueue;

/**
 * The shared job queue as a gauge, {@code tap_jobs_queued}: jobs waiting for a worker of any
 * instance. Every instance reports the same number (it is Redis'), which is what the
 * HorizontalPodAutoscaler's external metric divides by the number of replicas. Read when
 * scraped; while Redis is unreachable the gauge has no value (NaN) rather than a wrong one.
 */
public final class JobMetrics implements MeterBinder {

    private final RedisJobQueue queue;

    public JobMetrics(RedisJobQueue queue) {
        this.queue = requireNonNull(queue, "queue is null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tap.jobs.queued", this, JobMetrics::depth)
                .description("Jobs in the shared queue, waiting for a worker of any instance").register(registry);
    }

    private double depth() {
        try {
            return queue.depth();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
