package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The reference events: every subscriber hears every change published while it listens, at once. */
class InMemoryJobEventsTest {

    private final InMemoryJobEvents events = new InMemoryJobEvents();
    private final PhaseChange change = new PhaseChange(JobId.random(new SecureRandom()), ExecutionPhase.QUEUED);

    @Test
    void everySubscriberHearsAChangeBeforePublishReturns() {
        List<PhaseChange> first = new CopyOnWriteArrayList<>();
        List<PhaseChange> second = new CopyOnWriteArrayList<>();
        events.subscribe(first::add);
        events.subscribe(second::add);

        events.publish(change);

        assertThat(first).containsExactly(change);
        assertThat(second).containsExactly(change);
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreAndTheSameListenerTwiceIsTwoSubscriptions() {
        List<PhaseChange> heard = new CopyOnWriteArrayList<>();
        JobEvents.Subscription once = events.subscribe(heard::add);
        events.subscribe(heard::add);

        once.close();
        events.publish(change);

        assertThat(heard).containsExactly(change);
        assertThat(events.subscriptions()).isEqualTo(1);
    }

    @Test
    void aListenerThatFailsDoesNotKeepTheChangeFromTheOthers() {
        List<PhaseChange> heard = new CopyOnWriteArrayList<>();
        events.subscribe(ignored -> {
            throw new IllegalStateException("a broken listener");
        });
        events.subscribe(heard::add);

        events.publish(change);

        assertThat(heard).containsExactly(change);
    }
}
