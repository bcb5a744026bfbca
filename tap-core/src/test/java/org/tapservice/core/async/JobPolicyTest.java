package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits the service sets where UWS leaves them to it (UWS 1.1 sections 2.1.4, 2.1.5, 2.2.1.1). */
class JobPolicyTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration WAIT_CAP = Duration.ofSeconds(50);
    private static final Instant CREATION = Instant.parse("2025-03-01T12:00:00Z");

    private final JobPolicy policy = new JobPolicy(TEN_MINUTES, HOUR, WEEK, MONTH, WAIT_CAP);

    @Test
    void anExecutionDurationWithinTheMaximumIsGrantedAsAsked() {
        assertThat(policy.executionDuration(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.executionDuration(HOUR)).isEqualTo(HOUR);
    }

    @Test
    void anExecutionDurationBeyondTheMaximumIsCutToIt() {
        assertThat(policy.executionDuration(HOUR.plusSeconds(1))).isEqualTo(HOUR);
        assertThat(policy.executionDuration(Duration.ofDays(365))).isEqualTo(HOUR);
    }

    @Test
    void anExecutionDurationOfZeroThatUwsCallsUnlimitedGetsTheMaximumNeverNoLimit() {
        assertThat(policy.executionDuration(Duration.ZERO)).isEqualTo(HOUR);
    }

    @Test
    void aDestructionWithinTheLongestLifetimeIsGrantedAsAsked() {
        assertThat(policy.destruction(CREATION, CREATION.plus(WEEK))).isEqualTo(CREATION.plus(WEEK));
        assertThat(policy.destruction(CREATION, CREATION.plus(MONTH))).isEqualTo(CREATION.plus(MONTH));
    }

    @Test
    void aDestructionBeyondTheLongestLifetimeIsBroughtForwardToItsEnd() {
        assertThat(policy.destruction(CREATION, CREATION.plus(MONTH).plusMillis(1))).isEqualTo(CREATION.plus(MONTH));
        assertThat(policy.destruction(CREATION, Instant.parse("2099-01-01T00:00:00Z")))
                .isEqualTo(CREATION.plus(MONTH));
    }

    @Test
    void aDestructionEarlierThanCreationIsGrantedAndDestroysTheJobAtTheNextSweep() {
        assertThat(policy.destruction(CREATION, CREATION.minusSeconds(1))).isEqualTo(CREATION.minusSeconds(1));
    }

    @Test
    void aWaitWithinTheCapLastsAsLongAsAsked() {
        assertThat(policy.waitTime(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.waitTime(Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(policy.waitTime(WAIT_CAP)).isEqualTo(WAIT_CAP);
    }

    @Test
    void aWaitBeyondTheCapOrForAsLongAsAllowedLastsTheCap() {
        assertThat(policy.waitTime(Duration.ofMinutes(5))).isEqualTo(WAIT_CAP);
        assertThat(policy.waitTime(Duration.ofSeconds(-1))).isEqualTo(WAIT_CAP);
    }

    /** Each limit in turn replaced by a value, the others kept valid. */
    static Stream<Arguments> limits() {
        return Stream.of("defaultExecutionDuration", "maxExecutionDuration", "defaultLifetime", "maxLifetime",
                "waitCap").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("limits")
    void everyLimitMustBePositive(String name) {
        for (Duration invalid : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> withLimit(name, invalid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
        }
        assertThatThrownBy(() -> withLimit(name, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(name);
    }

    @Test
    void aDefaultExecutionDurationBeyondItsMaximumIsRefused() {
        assertThatThrownBy(() -> new JobPolicy(HOUR.plusSeconds(1), HOUR, WEEK, MONTH, WAIT_CAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default execution duration exceeds the maximum");
    }

    @Test
    void aDefaultLifetimeBeyondItsMaximumIsRefused() {
        assertThatThrownBy(() -> new JobPolicy(TEN_MINUTES, HOUR, MONTH.plusDays(1), MONTH, WAIT_CAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default lifetime exceeds the maximum");
    }

    @Test
    void aDefaultEqualToItsMaximumIsAllowed() {
        JobPolicy tight = new JobPolicy(HOUR, HOUR, MONTH, MONTH, WAIT_CAP);

        assertThat(tight.executionDuration(Duration.ZERO)).isEqualTo(tight.defaultExecutionDuration());
    }

    private static JobPolicy withLimit(String name, Duration value) {
        return new JobPolicy(
                name.equals("defaultExecutionDuration") ? value : TEN_MINUTES,
                name.equals("maxExecutionDuration") ? value : HOUR,
                name.equals("defaultLifetime") ? value : WEEK,
                name.equals("maxLifetime") ? value : MONTH,
                name.equals("waitCap") ? value : WAIT_CAP);
    }
}
