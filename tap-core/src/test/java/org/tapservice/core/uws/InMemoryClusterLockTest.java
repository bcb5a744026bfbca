package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.tapservice.core.testing.SettableClock;

/** The reference lock: one holder per name until the time it was taken for has passed. */
class InMemoryClusterLockTest {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final InMemoryClusterLock lock = new InMemoryClusterLock(clock);

    @Test
    void aLockIsTakenByOneCallerUntilItsHoldLapses() {
        assertThat(lock.tryAcquire("reaper", PERIOD)).isTrue();
        assertThat(lock.tryAcquire("reaper", PERIOD)).isFalse();

        clock.advance(PERIOD.minusMillis(1));
        assertThat(lock.tryAcquire("reaper", PERIOD)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(lock.tryAcquire("reaper", PERIOD)).isTrue();
    }

    @Test
    void locksOfDifferentNamesAreIndependent() {
        assertThat(lock.tryAcquire("reaper", PERIOD)).isTrue();
        assertThat(lock.tryAcquire("recovery", PERIOD)).isTrue();
    }

    @Test
    void aHoldMustBePositive() {
        assertThatThrownBy(() -> lock.tryAcquire("reaper", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(lock.tryAcquire("reaper", PERIOD)).as("the refused call took nothing").isTrue();
    }
}
