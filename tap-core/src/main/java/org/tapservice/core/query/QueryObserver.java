package org.tapservice.core.query;

/**
 * Told of every query the engine has run, however it ended: what operators count and time
 * (metrics). It decides nothing, and must not throw or block.
 */
@FunctionalInterface
public interface QueryObserver {

    /** Counts nothing. */
    QueryObserver NONE = outcome -> { };

    void finished(QueryOutcome outcome);
}
