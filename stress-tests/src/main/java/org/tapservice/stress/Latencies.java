package org.tapservice.stress;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latencies recorded from many threads, summarised as percentiles in milliseconds. */
final class Latencies {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    String summary() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    double p50Millis() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : millis(sorted, 0.50);
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    @Override
    public String toString() {
        return Arrays.toString(nanos.toArray());
    }
}
