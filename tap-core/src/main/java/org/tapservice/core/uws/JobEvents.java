package org.tapservice.core.uws;

import java.util.function.Consumer;

/**
 * Phase changes told to every instance: how a WAIT on one instance learns that a job run by
 * another finished, how the worker running a job learns it was aborted elsewhere, and how idle
 * workers learn that a job was queued. Delivery is at most once and may be late; whoever
 * relies on an event also reads the job's phase from the {@link JobStore} (after subscribing),
 * and never waits longer than its own bound.
 */
public interface JobEvents {

    /** Tells every instance, this one included, that a job reached a phase. */
    void publish(PhaseChange change);

    /**
     * Calls the listener with every change published from now on, by any instance, until the
     * subscription is closed. The listener runs on the event thread: it must return quickly.
     */
    Subscription subscribe(Consumer<PhaseChange> listener);

    /** A listener's registration; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
