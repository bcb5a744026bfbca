package org.tapservice.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    private final WarmUp warmUp = new WarmUp(10, 4, 7, 3, 0.05);

    @Test
    void aServiceIsNotWarmBeforeTheLeastNumberOfRounds() {
        assertThat(warmUp.done(List.of(5000.0, 5000.0, 5000.0))).isFalse();
    }

    @Test
    void aServiceIsWarmWhenItsLastRoundsAgreeWithinTheTolerance() {
        assertThat(warmUp.done(List.of(3000.0, 4500.0, 4600.0, 4550.0))).isTrue();
        assertThat(warmUp.done(List.of(1000.0, 3000.0, 4500.0, 4600.0))).isFalse();
        assertThat(warmUp.done(List.of(1000.0, 6000.0, 5800.0, 6100.0))).isTrue();
    }

    /** Seen on the 2-core machine: the rate paused at 4,300-4,500 q/s, then went on to 5,200. */
    @Test
    void twoAlikeRoundsOnTheWayUpAreNotWarm() {
        assertThat(new WarmUp(10, 3, 15, 3, 0.05).done(List.of(1104.0, 1915.0, 3215.0, 4334.0, 4464.0))).isFalse();
    }

    @Test
    void aServiceThatNeverSettlesCountsAsWarmOnceTheRoundsAreUsedUp() {
        assertThat(warmUp.done(List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0))).isFalse();
        assertThat(warmUp.done(List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 7000.0))).isTrue();
    }

    @Test
    void aWarmUpThatCouldNeverCompareItsRoundsIsRefused() {
        assertThatThrownBy(() -> new WarmUp(10, 3, 5, 1, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(10, 2, 5, 3, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(10, 3, 2, 3, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
