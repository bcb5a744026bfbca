package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliInstant;
import org.tapservice.core.dali.DaliParameters;

/**
 * Which jobs a job list shows, as UWS 1.1 section 2.2.2.1 defines the filters; all the
 * filters given must hold (a logical AND).
 *
 * <ul>
 *   <li>owner: whose jobs (the security context, not a UWS parameter);</li>
 *   <li>PHASE: jobs in any of these phases. Empty means every phase but ARCHIVED: archived
 *       jobs are listed only when PHASE=ARCHIVED asks for them, for backward
 *       compatibility;</li>
 *   <li>AFTER: jobs created strictly after this instant;</li>
 *   <li>LAST: of the jobs passing every other filter, the N most recently created.</li>
 * </ul>
 * The result is always ordered by {@link JobRef#NEWEST_FIRST}, with or without LAST.
 */
public record JobFilter(OwnerFilter owner, Set<ExecutionPhase> phases, Optional<Instant> after, OptionalInt last) {

    public JobFilter {
        requireNonNull(owner, "owner is null");
        phases = Set.copyOf(phases);
        after = requireNonNull(after, "after is null").map(Job::millis);
        requireNonNull(last, "last is null");
        if (last.isPresent() && last.getAsInt() <= 0) {
            throw new IllegalArgumentException("LAST must be greater than 0: " + last.getAsInt());
        }
    }

    /** Every job but the archived ones, whoever owns them. */
    public static JobFilter all() {
        return new JobFilter(OwnerFilter.any(), Set.of(), Optional.empty(), OptionalInt.empty());
    }

    public JobFilter withOwner(OwnerFilter newOwner) {
        return new JobFilter(newOwner, phases, after, last);
    }

    public JobFilter withPhases(Set<ExecutionPhase> newPhases) {
        return new JobFilter(owner, newPhases, after, last);
    }

    public JobFilter withAfter(Instant newAfter) {
        return new JobFilter(owner, phases, Optional.of(newAfter), last);
    }

    public JobFilter withLast(int newLast) {
        return new JobFilter(owner, phases, after, OptionalInt.of(newLast));
    }

    /**
     * Whether a job passes the owner, PHASE and AFTER filters (LAST depends on the other jobs
     * and is applied to the ordered list).
     */
    public boolean matches(JobRef job) {
        boolean phase = phases.isEmpty() ? job.phase() != ExecutionPhase.ARCHIVED : phases.contains(job.phase());
        return phase && owner.matches(job.owner()) && after.map(job.creationTime()::isAfter).orElse(true);
    }

    /** The phases a store must look at: those named, or all but ARCHIVED. */
    public Set<ExecutionPhase> effectivePhases() {
        if (!phases.isEmpty()) {
            return phases;
        }
        Set<ExecutionPhase> all = EnumSet.allOf(ExecutionPhase.class);
        all.remove(ExecutionPhase.ARCHIVED);
        return Set.copyOf(all);
    }

    /**
     * Reads the job list's query parameters: PHASE (repeatable, any case), AFTER (an ISO 8601
     * date or date and time, in UTC; a trailing Z is allowed) and LAST (an integer above 0).
     *
     * @param owner whose jobs the caller may see, decided by the HTTP layer
     * @throws TapException of kind INVALID_REQUEST for a value that is not one of these
     */
    public static JobFilter parse(DaliParameters parameters, OwnerFilter owner) {
        requireNonNull(parameters, "parameters is null");
        Set<ExecutionPhase> phases = EnumSet.noneOf(ExecutionPhase.class);
        for (String value : parameters.getAll("PHASE")) {
            try {
                phases.add(ExecutionPhase.parse(value));
            } catch (IllegalArgumentException e) {
                throw TapException.invalid("PHASE: " + e.getMessage());
            }
        }
        Optional<Instant> after = parameters.get("AFTER").map(JobFilter::parseAfter);
        OptionalInt last = parameters.get("LAST").map(JobFilter::parseLast).orElse(OptionalInt.empty());
        return new JobFilter(owner, phases, after, last);
    }

    private static Instant parseAfter(String text) {
        try {
            return DaliInstant.parse(text);
        } catch (IllegalArgumentException e) {
            throw TapException.invalid("AFTER: " + e.getMessage());
        }
    }

    private static OptionalInt parseLast(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value the client sent
        }
        throw TapException.invalid("LAST must be an integer greater than 0; got '" + text + "'");
    }

    /** Applies this filter to a list of jobs, for stores that hold them all at hand. */
    public JobPage select(List<JobRef> jobs) {
        var selected = jobs.stream().filter(this::matches).sorted(JobRef.NEWEST_FIRST);
        return new JobPage((last.isPresent() ? selected.limit(last.getAsInt()) : selected).toList());
    }
}
