package org.tapservice.core.uws;

/**
 * Told of what this instance's steps did to jobs, for what operators count (metrics): the
 * phases jobs reached, lease takeovers, jobs given up, quota limits that stopped or held back a
 * job. Each event is told once, by the instance whose step caused it, so that counts summed over
 * instances count each step once. It decides nothing, and must not throw or block.
 */
public interface JobObserver {

    /** Counts nothing. */
    JobObserver NONE = new JobObserver() {
    };

    /**
     * A step of this instance moved the job to the phase it now has: a RUN (QUEUED), a claim
     * (EXECUTING), a worker's finish or a give-up (COMPLETED, ERROR), an abort (ABORTED).
     */
    default void reached(Job job) {
    }

    /**
     * A claim of this instance started again a job left EXECUTING without a lease: the instance
     * that ran it stopped renewing its lease (it died), or handed it back while shutting down.
     * The job stays EXECUTING, so this is not a {@link #reached} as well.
     */
    default void tookOver(Job job) {
    }

    /**
     * A claim of this instance found the job started as often as allowed, each run ended by its
     * instance stopping, and ended it in ERROR instead of starting it again ({@link #reached}
     * is told too).
     */
    default void gaveUp(Job job) {
    }

    /** A claim left the job QUEUED: its owner runs as many jobs as the quota allows. */
    default void heldBackByQuota(JobId id) {
    }

    /** The job's result grew past what its owner's storage quota had left, and the job ends in ERROR. */
    default void resultOverQuota(JobId id) {
    }
}
