package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference {@link JobEvents}, for instances sharing one JVM: every change is handed to
 * every listener subscribed when it is published, <b>synchronously, on the publishing
 * thread</b>, before {@link #publish} returns. Tests are then deterministic: once an ABORT
 * returns, every instance sharing these events has heard it. That is more than the port
 * promises (at most once, maybe late), never less, so code that passes only because delivery
 * is immediate is caught by the Redis events' own tests, not here.
 *
 * <p>A listener that throws is logged and the others are still called, as the Redis events do.
 */
public final class InMemoryJobEvents implements JobEvents {

    private static final Logger log = LoggerFactory.getLogger(InMemoryJobEvents.class);

    private final List<Consumer<PhaseChange>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(PhaseChange change) {
        requireNonNull(change, "change is null");
        for (Consumer<PhaseChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A job events listener failed on {}", change, e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<PhaseChange> listener) {
        requireNonNull(listener, "listener is null");
        // a wrapper of its own, so that closing removes this registration even when the same
        // listener is subscribed twice
        Consumer<PhaseChange> registered = listener::accept;
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /** How many subscriptions are open: what a test checks to see that closing ended them. */
    public int subscriptions() {
        return listeners.size();
    }
}
