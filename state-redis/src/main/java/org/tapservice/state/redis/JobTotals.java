package org.tapservice.state.redis;

/**
 * How many jobs of every owner are in each unfinished phase, and the bytes of results all jobs
 * keep, as the quota counters have them ({@link RedisQuotaLedger#totals()}): exact at every
 * moment, since they change in the steps that move the phases.
 */
public record JobTotals(long pending, long queued, long executing, long resultBytes) {

    /** Nothing counted. */
    public static final JobTotals NONE = new JobTotals(0, 0, 0, 0);
}
