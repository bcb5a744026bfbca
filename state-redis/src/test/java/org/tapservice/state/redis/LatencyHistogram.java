package org.tapservice.state.redis;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in logarithmic buckets 1% wide, so that any number of threads record into
 * constant memory and a percentile comes out within 1%; for the benchmark.
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    /** Enough buckets for 1 ns to well over an hour. */
    private static final int BUCKETS = 3_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        int bucket = nanos <= 1 ? 0 : (int) Math.min(BUCKETS - 1, Math.log(nanos) / LOG_GROWTH);
        counts.incrementAndGet(bucket);
    }

    /** The latency below which {@code percent} % of those recorded fall, in nanoseconds (0 if none). */
    double percentile(double percent) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                // the middle of the bucket
                return Math.pow(GROWTH, i + 0.5);
            }
        }
        return 0;
    }
}
