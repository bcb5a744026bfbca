package org.tapservice.api.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.tapservice.core.query.QueryObserver;
import org.tapservice.core.query.QueryOutcome;

/**
 * Every query the engine runs (sync, async, cone search), as Prometheus sees it through
 * Micrometer: {@code tap_queries_total} by format and status, the rows and bytes streamed, and
 * the duration as a histogram (so that percentiles can be aggregated over instances).
 */
public final class QueryMetrics implements QueryObserver {

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void finished(QueryOutcome outcome) {
        String status = outcome.status().name();
        Counter.builder("tap.queries").description("Queries run, by output format and QUERY_STATUS")
                .tag("format", outcome.format()).tag("status", status).register(registry).increment();
        Timer.builder("tap.query.duration").description("From the query's start to its last byte or its failure")
                .tag("status", status).publishPercentileHistogram().register(registry).record(outcome.duration());
        DistributionSummary.builder("tap.query.rows").description("Rows written per query").baseUnit("rows")
                .register(registry).record(outcome.rows());
        DistributionSummary.builder("tap.query.bytes").description("Bytes written per query").baseUnit("bytes")
                .tag("format", outcome.format()).register(registry).record(outcome.bytes());
    }
}
