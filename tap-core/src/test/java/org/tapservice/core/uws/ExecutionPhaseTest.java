package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionPhaseTest {

    @Test
    void thereAreTheTenPhasesUwsNames() {
        assertThat(Arrays.stream(ExecutionPhase.values()).map(ExecutionPhase::value))
                .containsExactlyInAnyOrder("PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED",
                        "UNKNOWN", "HELD", "SUSPENDED", "ARCHIVED");
    }

    @ParameterizedTest
    @EnumSource(ExecutionPhase.class)
    void everyPhaseSurvivesARoundTripThroughItsName(ExecutionPhase phase) {
        assertThat(ExecutionPhase.parse(phase.value())).isEqualTo(phase);
        assertThat(ExecutionPhase.parse(phase.value().toLowerCase())).isEqualTo(phase);
    }

    @Test
    void inputIsReadWithoutRegardToCaseOrSurroundingBlanks() {
        assertThat(ExecutionPhase.parse(" Executing ")).isEqualTo(ExecutionPhase.EXECUTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "RUN", "ABORT", "DONE", "PENDING_", "QUEUED,EXECUTING"})
    void anythingElseIsRejectedNamingTheAcceptedValues(String text) {
        assertThatThrownBy(() -> ExecutionPhase.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown UWS execution phase").hasMessageContaining("PENDING, QUEUED");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> ExecutionPhase.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completedErrorAbortedAndArchivedAreFinal() {
        assertThat(phases(ExecutionPhase::isFinal)).containsExactlyInAnyOrder(ExecutionPhase.COMPLETED,
                ExecutionPhase.ERROR, ExecutionPhase.ABORTED, ExecutionPhase.ARCHIVED);
    }

    @Test
    void pendingQueuedAndExecutingAreTheActivePhasesAWaitMayBlockIn() {
        assertThat(phases(ExecutionPhase::isActive)).containsExactlyInAnyOrder(ExecutionPhase.PENDING,
                ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING);
    }

    @Test
    void noPhaseIsBothActiveAndFinal() {
        assertThat(phases(phase -> phase.isActive() && phase.isFinal())).isEmpty();
    }

    private static Set<ExecutionPhase> phases(java.util.function.Predicate<ExecutionPhase> test) {
        return Arrays.stream(ExecutionPhase.values()).filter(test)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ExecutionPhase.class)));
    }
}
