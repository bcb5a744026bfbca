package org.tapservice.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    private final WarmUp warmUp = new WarmUp(10, 3, 5, 0.05);

    @Test
    void aServiceIsNotWarmBeforeTheLeastNumberOfRounds() {
        assertThat(warmUp.done(List.of(5000.0, 5000.0))).isFalse();
    }

    @Test
    void aServiceIsWarmWhenTwoRoundsInARowAgreeWithinTheTolerance() {
        assertThat(warmUp.done(List.of(3000.0, 4500.0, 4600.0))).isTrue();
        assertThat(warmUp.done(List.of(3000.0, 4500.0, 6000.0))).isFalse();
        assertThat(warmUp.done(List.of(3000.0, 6000.0, 5800.0))).isTrue();
    }

    @Test
    void aServiceThatNeverSettlesCountsAsWarmOnceTheRoundsAreUsedUp() {
        assertThat(warmUp.done(List.of(1000.0, 2000.0, 3000.0, 4000.0))).isFalse();
        assertThat(warmUp.done(List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0))).isTrue();
    }

    @Test
    void aWarmUpThatCouldNeverCompareTwoRoundsIsRefused() {
        assertThatThrownBy(() -> new WarmUp(10, 1, 5, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(10, 3, 2, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
