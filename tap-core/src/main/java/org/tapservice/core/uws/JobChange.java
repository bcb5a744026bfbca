package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a store should set on a job, together with a phase change
 * ({@link JobStore#transition}) or on their own ({@link JobStore#update}). Absent fields are
 * left as they are. Applying a change is {@link #applyTo(Job)}, so every store computes the
 * same new job from the same old one and differs only in how it makes that atomic.
 *
 * <p>Two kinds of field: what the client may set ({@link Field#isClientField()}: run id,
 * parameters, execution duration, destruction), which {@code update} accepts under the
 * rules of {@link #isAllowedWhile(ExecutionPhase)}; and what the service sets as the job moves
 * (quote, start and end time, results, error), which only goes with a transition.
 *
 * <p>Start with {@link #none()} or one of the named changes and add with {@code with...}.
 */
public record JobChange(Optional<String> runId, Optional<List<Parameter>> parameters,
                        Optional<Duration> executionDuration, Optional<Instant> destruction,
                        Optional<Instant> quote, Optional<Instant> startTime, Optional<Instant> endTime,
                        Optional<List<Result>> results, Optional<ErrorSummary> error) {

    /** The fields a change may set. */
    public enum Field {
        RUN_ID(true),
        PARAMETERS(true),
        EXECUTION_DURATION(true),
        DESTRUCTION(true),
        QUOTE(false),
        START_TIME(false),
        END_TIME(false),
        RESULTS(false),
        ERROR(false);

        private final boolean clientField;

        Field(boolean clientField) {
            this.clientField = clientField;
        }

        /** Whether a client may ask for this field to change (UWS 2.1.4, 2.1.5, 2.1.11). */
        public boolean isClientField() {
            return clientField;
        }
    }

    private static final JobChange NONE = new JobChange(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public JobChange {
        requireNonNull(runId, "runId is null");
        parameters = requireNonNull(parameters, "parameters is null").map(List::copyOf);
        executionDuration = requireNonNull(executionDuration, "executionDuration is null").map(Job::wholeSeconds);
        destruction = requireNonNull(destruction, "destruction is null").map(Job::millis);
        quote = requireNonNull(quote, "quote is null").map(Job::millis);
        startTime = requireNonNull(startTime, "startTime is null").map(Job::millis);
        endTime = requireNonNull(endTime, "endTime is null").map(Job::millis);
        results = requireNonNull(results, "results is null").map(List::copyOf);
        requireNonNull(error, "error is null");
    }

    /** No change: a pure phase move. */
    public static JobChange none() {
        return NONE;
    }

    /** A worker claiming a queued job: QUEUED to EXECUTING. */
    public static JobChange started(Instant startTime) {
        return NONE.withStartTime(startTime);
    }

    /** The work finished: EXECUTING to COMPLETED, with what it produced. */
    public static JobChange completed(Instant endTime, List<Result> results) {
        return NONE.withEndTime(endTime).withResults(results);
    }

    /** The work failed: to ERROR. */
    public static JobChange failed(Instant endTime, ErrorSummary error) {
        return NONE.withEndTime(endTime).withError(error);
    }

    /** The job was aborted: to ABORTED. Results produced so far are kept (UWS 2.1.4). */
    public static JobChange aborted(Instant endTime) {
        return NONE.withEndTime(endTime);
    }

    public JobChange withRunId(String newRunId) {
        return new JobChange(Optional.of(newRunId), parameters, executionDuration, destruction, quote, startTime,
                endTime, results, error);
    }

    /**
     * Parameters to set. Each name given replaces every value the job has under that name
     * (ignoring case), at the place of its first occurrence; names the job does not have yet
     * are appended in the order given. A repeated name in the change (UPLOAD) keeps all its
     * values. Both ways UWS 2.1.11 suggests for changing a parameter (POST name=value to
     * /parameters, PUT to /parameters/name) mean exactly that.
     */
    public JobChange withParameters(List<Parameter> newParameters) {
        return new JobChange(runId, Optional.of(newParameters), executionDuration, destruction, quote, startTime,
                endTime, results, error);
    }

    public JobChange withExecutionDuration(Duration newExecutionDuration) {
        return new JobChange(runId, parameters, Optional.of(newExecutionDuration), destruction, quote, startTime,
                endTime, results, error);
    }

    public JobChange withDestruction(Instant newDestruction) {
        return new JobChange(runId, parameters, executionDuration, Optional.of(newDestruction), quote, startTime,
                endTime, results, error);
    }

    public JobChange withQuote(Instant newQuote) {
        return new JobChange(runId, parameters, executionDuration, destruction, Optional.of(newQuote), startTime,
                endTime, results, error);
    }

    public JobChange withStartTime(Instant newStartTime) {
        return new JobChange(runId, parameters, executionDuration, destruction, quote, Optional.of(newStartTime),
                endTime, results, error);
    }

    public JobChange withEndTime(Instant newEndTime) {
        return new JobChange(runId, parameters, executionDuration, destruction, quote, startTime,
                Optional.of(newEndTime), results, error);
    }

    /** The job's whole results list, replacing the one it had. */
    public JobChange withResults(List<Result> newResults) {
        return new JobChange(runId, parameters, executionDuration, destruction, quote, startTime, endTime,
                Optional.of(newResults), error);
    }

    public JobChange withError(ErrorSummary newError) {
        return new JobChange(runId, parameters, executionDuration, destruction, quote, startTime, endTime, results,
                Optional.of(newError));
    }

    /** The fields this change sets. */
    public Set<Field> fields() {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        runId.ifPresent(value -> fields.add(Field.RUN_ID));
        parameters.ifPresent(value -> fields.add(Field.PARAMETERS));
        executionDuration.ifPresent(value -> fields.add(Field.EXECUTION_DURATION));
        destruction.ifPresent(value -> fields.add(Field.DESTRUCTION));
        quote.ifPresent(value -> fields.add(Field.QUOTE));
        startTime.ifPresent(value -> fields.add(Field.START_TIME));
        endTime.ifPresent(value -> fields.add(Field.END_TIME));
        results.ifPresent(value -> fields.add(Field.RESULTS));
        error.ifPresent(value -> fields.add(Field.ERROR));
        return Set.copyOf(fields);
    }

    public boolean isEmpty() {
        return fields().isEmpty();
    }

    /**
     * Checks that this change may be made on its own, through {@link JobStore#update}: it
     * must set client fields only. The service's fields move with the phase; setting them
     * without a transition is a bug in the caller.
     *
     * @throws IllegalArgumentException naming the first field that needs a transition
     */
    public void checkIsUpdate() {
        for (Field field : fields()) {
            if (!field.isClientField()) {
                throw new IllegalArgumentException(field + " changes only with a phase transition, not in an update");
            }
        }
    }

    /**
     * Whether a job in this phase accepts this change as an update. Parameters, run id and
     * execution duration are the job's definition: UWS 2.1.11 lets them change only while
     * PENDING, and this service holds all three to that rule (a queued or running query
     * must not change under its worker). The destruction time is the job's lease on storage:
     * UWS 2.1.5 lets the client write it with no phase named, and a client holding a
     * COMPLETED job is the one most likely to want more time, so it may change in every phase
     * but ARCHIVED (whose results are already gone) and UNKNOWN (never stored).
     */
    public boolean isAllowedWhile(ExecutionPhase phase) {
        requireNonNull(phase, "phase is null");
        for (Field field : fields()) {
            boolean allowed = switch (field) {
                case RUN_ID, PARAMETERS, EXECUTION_DURATION -> phase == ExecutionPhase.PENDING;
                case DESTRUCTION -> phase != ExecutionPhase.ARCHIVED && phase != ExecutionPhase.UNKNOWN;
                case QUOTE, START_TIME, END_TIME, RESULTS, ERROR -> false;
            };
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The job with this change made; the phase is left to the caller. */
    public Job applyTo(Job job) {
        requireNonNull(job, "job is null");
        Job changed = job;
        if (runId.isPresent()) {
            changed = changed.withRunId(runId);
        }
        if (parameters.isPresent()) {
            changed = changed.withParameters(merge(changed.parameters(), parameters.get()));
        }
        if (executionDuration.isPresent()) {
            changed = changed.withExecutionDuration(executionDuration.get());
        }
        if (destruction.isPresent()) {
            changed = changed.withDestruction(destruction.get());
        }
        if (quote.isPresent()) {
            changed = changed.withQuote(quote);
        }
        if (startTime.isPresent()) {
            changed = changed.withStartTime(startTime);
        }
        if (endTime.isPresent()) {
            changed = changed.withEndTime(endTime);
        }
        if (results.isPresent()) {
            changed = changed.withResults(results.get());
        }
        if (error.isPresent()) {
            changed = changed.withError(error);
        }
        return changed;
    }

    /** The merge described at {@link #withParameters(List)}. */
    static List<Parameter> merge(List<Parameter> current, List<Parameter> given) {
        List<Parameter> merged = new ArrayList<>(current.size() + given.size());
        List<Parameter> pending = new ArrayList<>(given);
        for (Parameter existing : current) {
            if (given.stream().noneMatch(p -> p.isNamed(existing.id()))) {
                merged.add(existing);
            } else if (pending.stream().anyMatch(p -> p.isNamed(existing.id()))) {
                // the first occurrence of a replaced name: all the new values go here
                pending.stream().filter(p -> p.isNamed(existing.id())).forEach(merged::add);
                pending.removeIf(p -> p.isNamed(existing.id()));
            }
        }
        merged.addAll(pending);
        return merged;
    }
}
