package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.ARCHIVED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.ERROR;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;
import static org.tapservice.core.uws.ExecutionPhase.HELD;
import static org.tapservice.core.uws.ExecutionPhase.PENDING;
import static org.tapservice.core.uws.ExecutionPhase.QUEUED;
import static org.tapservice.core.uws.ExecutionPhase.SUSPENDED;
import static org.tapservice.core.uws.ExecutionPhase.UNKNOWN;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PhaseTransitionsTest {

    private record Edge(ExecutionPhase from, ExecutionPhase to) {
    }

    /** UWS 1.1 section 2.1.3: its state diagram, plus PENDING to HELD and HELD to QUEUED from its text. */
    private static final Set<Edge> UWS = Set.of(
            new Edge(PENDING, QUEUED), new Edge(PENDING, HELD), new Edge(PENDING, ABORTED), new Edge(PENDING, ERROR),
            new Edge(QUEUED, EXECUTING), new Edge(QUEUED, ABORTED), new Edge(QUEUED, ERROR),
            new Edge(EXECUTING, COMPLETED), new Edge(EXECUTING, ERROR), new Edge(EXECUTING, ABORTED),
            new Edge(EXECUTING, HELD), new Edge(EXECUTING, SUSPENDED),
            new Edge(HELD, QUEUED), new Edge(HELD, EXECUTING), new Edge(HELD, ABORTED), new Edge(HELD, ERROR),
            new Edge(SUSPENDED, EXECUTING), new Edge(SUSPENDED, ABORTED), new Edge(SUSPENDED, ERROR),
            new Edge(COMPLETED, ARCHIVED), new Edge(ERROR, ARCHIVED), new Edge(ABORTED, ARCHIVED));

    @Test
    void theTableAllowsExactlyTheChangesUwsDescribes() {
        for (ExecutionPhase from : ExecutionPhase.values()) {
            for (ExecutionPhase to : ExecutionPhase.values()) {
                assertThat(PhaseTransitions.isAllowed(from, to)).as("%s -> %s", from, to)
                        .isEqualTo(UWS.contains(new Edge(from, to)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionPhase.class)
    void noPhaseMovesToItself(ExecutionPhase phase) {
        assertThat(PhaseTransitions.isAllowed(phase, phase)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "ERROR", "ABORTED"})
    void aFinishedJobCanOnlyBeArchived(ExecutionPhase phase) {
        assertThat(PhaseTransitions.targets(phase)).containsExactly(ARCHIVED);
    }

    @Test
    void aJobNeverGoesBackToPendingNorFromAFinishedPhaseToAnUnfinishedOne() {
        Set<ExecutionPhase> unfinished = Set.of(PENDING, QUEUED, EXECUTING, HELD, SUSPENDED);
        assertThat(PhaseTransitions.leftBehind(PENDING)).isEmpty();
        for (ExecutionPhase active : List.of(QUEUED, EXECUTING, HELD, SUSPENDED)) {
            // the unfinished phases after PENDING may follow each other either way
            assertThat(PhaseTransitions.leftBehind(active)).as("left behind in %s", active).containsExactly(PENDING);
        }
        for (ExecutionPhase finished : List.of(COMPLETED, ERROR, ABORTED)) {
            assertThat(PhaseTransitions.leftBehind(finished)).as("left behind in %s", finished).isEqualTo(unfinished);
        }
        assertThat(PhaseTransitions.leftBehind(ARCHIVED)).containsExactlyInAnyOrder(PENDING, QUEUED, EXECUTING,
                HELD, SUSPENDED, COMPLETED, ERROR, ABORTED);
        assertThat(PhaseTransitions.leftBehind(UNKNOWN)).isEmpty();
    }

    @Test
    void anArchivedJobGoesNowhere() {
        assertThat(PhaseTransitions.targets(ARCHIVED)).isEmpty();
    }

    @Test
    void unknownIsNeverStoredSoNothingLeadsToOrFromIt() {
        assertThat(PhaseTransitions.targets(UNKNOWN)).isEmpty();
        assertThat(PhaseTransitions.sources(UNKNOWN)).isEmpty();
    }

    @Test
    void aJobMayBeAbortedOrFailAtAnyTimeBeforeItEnds() {
        Set<ExecutionPhase> notEnded = Set.of(PENDING, QUEUED, EXECUTING, HELD, SUSPENDED);
        assertThat(PhaseTransitions.sources(ABORTED)).isEqualTo(notEnded);
        assertThat(PhaseTransitions.sources(ERROR)).isEqualTo(notEnded);
    }

    @Test
    void everyStoredPhaseIsReachableFromPending() {
        Set<ExecutionPhase> reached = EnumSet.of(PENDING);
        Deque<ExecutionPhase> toVisit = new ArrayDeque<>(List.of(PENDING));
        while (!toVisit.isEmpty()) {
            for (ExecutionPhase next : PhaseTransitions.targets(toVisit.pop())) {
                if (reached.add(next)) {
                    toVisit.push(next);
                }
            }
        }
        assertThat(reached).isEqualTo(EnumSet.complementOf(EnumSet.of(UNKNOWN)));
    }

    @Test
    void aCompareAndSetRequestMustNameOnlyPhasesThatMayMoveToTheTarget() {
        PhaseTransitions.checkRequest(Set.of(PENDING, QUEUED, EXECUTING), ABORTED);

        assertThatThrownBy(() -> PhaseTransitions.checkRequest(Set.of(PENDING, COMPLETED), ABORTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from COMPLETED to ABORTED");
        assertThatThrownBy(() -> PhaseTransitions.checkRequest(Set.of(), QUEUED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
