package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;
import static org.tapservice.core.uws.ExecutionPhase.ABORTED;
import static org.tapservice.core.uws.ExecutionPhase.ARCHIVED;
import static org.tapservice.core.uws.ExecutionPhase.COMPLETED;
import static org.tapservice.core.uws.ExecutionPhase.ERROR;
import static org.tapservice.core.uws.ExecutionPhase.EXECUTING;
import static org.tapservice.core.uws.ExecutionPhase.HELD;
import static org.tapservice.core.uws.ExecutionPhase.QUEUED;
import static org.tapservice.core.uws.ExecutionPhase.SUSPENDED;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The phase changes UWS 1.1 allows (section 2.1.3 and its state diagram), as one explicit
 * table that every job store consults, so the Redis, PostgreSQL and in-memory stores cannot
 * disagree about what is legal.
 *
 * <ul>
 *   <li>PENDING: RUN queues it (QUEUED), or the service holds it (HELD) when it cannot queue
 *       it yet; ABORT; ERROR when the service finds it cannot run (for example invalid
 *       parameters found at RUN).</li>
 *   <li>QUEUED: a worker claims it (EXECUTING); ABORT; ERROR.</li>
 *   <li>EXECUTING: COMPLETED or ERROR when the work ends; ABORT (by the client, or the
 *       service when the execution duration is exceeded); the system may suspend it
 *       (SUSPENDED) or hold it (HELD).</li>
 *   <li>HELD: RUN again queues it (QUEUED, the text of 2.1.3) or resumes it (EXECUTING, the
 *       diagram); ABORT; ERROR.</li>
 *   <li>SUSPENDED: the system resumes it (EXECUTING); ABORT; ERROR.</li>
 *   <li>COMPLETED, ERROR, ABORTED: only ARCHIVED, at destruction time, for a service that
 *       keeps the record of the job instead of forgetting it.</li>
 *   <li>ARCHIVED: nothing.</li>
 *   <li>UNKNOWN: a phase a service may report but never stores; no change leads to or from
 *       it.</li>
 * </ul>
 * No phase moves to itself: a compare-and-set that "succeeds" without a change would hide
 * a second worker claiming a job that is already running.
 */
public final class PhaseTransitions {

    /** {@link #leftBehind}, worked out once from the table: a rebuild asks for every job it restores. */
    private static final Map<ExecutionPhase, Set<ExecutionPhase>> LEFT_BEHIND = Arrays.stream(ExecutionPhase.values())
            .collect(Collectors.toUnmodifiableMap(Function.identity(), PhaseTransitions::workOutLeftBehind));

    private PhaseTransitions() {
    }

    /** The phases a job in {@code from} may move to; empty for ARCHIVED and UNKNOWN. */
    public static Set<ExecutionPhase> targets(ExecutionPhase from) {
        requireNonNull(from, "from is null");
        // A switch, not a map: the compiler then insists every phase is answered for.
        return switch (from) {
            case PENDING -> Set.of(QUEUED, HELD, ABORTED, ERROR);
            case QUEUED -> Set.of(EXECUTING, ABORTED, ERROR);
            case EXECUTING -> Set.of(COMPLETED, ERROR, ABORTED, HELD, SUSPENDED);
            case HELD -> Set.of(QUEUED, EXECUTING, ABORTED, ERROR);
            case SUSPENDED -> Set.of(EXECUTING, ABORTED, ERROR);
            case COMPLETED, ERROR, ABORTED -> Set.of(ARCHIVED);
            case ARCHIVED, UNKNOWN -> Set.of();
        };
    }

    /** Whether UWS allows a job in {@code from} to move to {@code to}. */
    public static boolean isAllowed(ExecutionPhase from, ExecutionPhase to) {
        requireNonNull(to, "to is null");
        return targets(from).contains(to);
    }

    /**
     * Every phase from which {@code to} may be reached: the natural "expected" set of a
     * compare-and-set, e.g. {@code sources(ABORTED)} for PHASE=ABORT.
     */
    public static Set<ExecutionPhase> sources(ExecutionPhase to) {
        requireNonNull(to, "to is null");
        return Set.copyOf(Arrays.stream(ExecutionPhase.values())
                .filter(from -> isAllowed(from, to))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ExecutionPhase.class))));
    }

    /**
     * The phases a job in {@code phase} has left for good: those from which {@code phase} is
     * reached but which cannot be reached from it (PENDING once queued; every unfinished phase
     * once finished). Of two copies of a job, one in such a phase is the older: what a rebuild of
     * the state store from its archive tells an older copy by. Phases that can follow each other
     * both ways (QUEUED, EXECUTING, HELD, SUSPENDED) tell nothing.
     */
    public static Set<ExecutionPhase> leftBehind(ExecutionPhase phase) {
        return LEFT_BEHIND.get(requireNonNull(phase, "phase is null"));
    }

    private static Set<ExecutionPhase> workOutLeftBehind(ExecutionPhase phase) {
        Set<ExecutionPhase> ahead = reachable(phase);
        EnumSet<ExecutionPhase> behind = EnumSet.noneOf(ExecutionPhase.class);
        for (ExecutionPhase other : ExecutionPhase.values()) {
            if (other != phase && !ahead.contains(other) && reachable(other).contains(phase)) {
                behind.add(other);
            }
        }
        return Set.copyOf(behind);
    }

    /** Every phase a job in {@code from} may reach by one change or more. */
    private static Set<ExecutionPhase> reachable(ExecutionPhase from) {
        EnumSet<ExecutionPhase> reached = EnumSet.noneOf(ExecutionPhase.class);
        ArrayDeque<ExecutionPhase> next = new ArrayDeque<>(targets(from));
        while (!next.isEmpty()) {
            ExecutionPhase phase = next.poll();
            if (reached.add(phase)) {
                next.addAll(targets(phase));
            }
        }
        return reached;
    }

    /**
     * Checks the arguments of a compare-and-set before any store looks at the job: every
     * expected phase must be one UWS allows to move to the target. Asking for an impossible
     * change is a bug in the caller, reported the same way by every store whatever phase the
     * job happens to be in.
     *
     * @throws IllegalArgumentException when {@code expected} is empty or holds a phase that
     *         cannot move to {@code target}
     */
    public static void checkRequest(Set<ExecutionPhase> expected, ExecutionPhase target) {
        requireNonNull(expected, "expected is null");
        requireNonNull(target, "target is null");
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("no expected phase given for a change to " + target);
        }
        for (ExecutionPhase from : expected) {
            if (!isAllowed(from, target)) {
                throw new IllegalArgumentException("UWS does not allow a job to move from " + from + " to " + target);
            }
        }
    }
}
