package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A UWS 1.1 job as the stores keep it and the job document shows it: immutable, changed only
 * by building a new one ({@code with...}) and handing it to a {@link JobStore}, which is the
 * one place phases move.
 *
 * <p>Times are kept to the millisecond: that is what the UWS document shows and what every
 * store keeps exactly, so a job read back from Redis or PostgreSQL equals the one written.
 * The execution duration is kept in whole seconds, as UWS counts it.
 *
 * @param id                its identifier
 * @param runId             the client's own label (UWS 2.1.9), passed back untouched; an
 *                          empty label is the same as none
 * @param owner             who created it; empty for an anonymous client
 * @param phase             where it is in its life
 * @param executionDuration how long it may run; zero means unlimited
 * @param destruction       when it and its results will be destroyed
 * @param quote             when it is expected to complete; empty for "don't know"
 * @param creationTime      when it was created
 * @param startTime         when it started executing
 * @param endTime           when it reached a final phase
 * @param parameters        its parameters in the order given, names possibly repeated
 * @param results           what it produced
 * @param error             why it failed, when it did
 */
public record Job(JobId id, Optional<String> runId, Optional<String> owner, ExecutionPhase phase,
                  Duration executionDuration, Instant destruction, Optional<Instant> quote, Instant creationTime,
                  Optional<Instant> startTime, Optional<Instant> endTime, List<Parameter> parameters,
                  List<Result> results, Optional<ErrorSummary> error) {

    public Job {
        requireNonNull(id, "id is null");
        runId = requireNonNull(runId, "runId is null").filter(text -> !text.isEmpty());
        requireNonNull(owner, "owner is null");
        owner.ifPresent(name -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("an owner id cannot be blank; anonymous is an empty owner");
            }
        });
        requireNonNull(phase, "phase is null");
        executionDuration = wholeSeconds(executionDuration);
        destruction = millis(requireNonNull(destruction, "destruction is null"));
        quote = requireNonNull(quote, "quote is null").map(Job::millis);
        creationTime = millis(requireNonNull(creationTime, "creationTime is null"));
        startTime = requireNonNull(startTime, "startTime is null").map(Job::millis);
        endTime = requireNonNull(endTime, "endTime is null").map(Job::millis);
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
        requireNonNull(error, "error is null");
    }

    /**
     * A job as it is created: PENDING, with no quote, times, results or error yet.
     */
    public static Job pending(JobId id, Optional<String> owner, Optional<String> runId, List<Parameter> parameters,
                              Instant creationTime, Duration executionDuration, Instant destruction) {
        return new Job(id, runId, owner, ExecutionPhase.PENDING, executionDuration, destruction, Optional.empty(),
                creationTime, Optional.empty(), Optional.empty(), parameters, List.of(), Optional.empty());
    }

    /**
     * The value of a parameter, its name compared without case. When the name is repeated the
     * last value counts, as it does for a request's own parameters ({@code DaliParameters}).
     */
    public Optional<String> parameter(String name) {
        requireNonNull(name, "name is null");
        return parameters.reversed().stream().filter(p -> p.isNamed(name)).map(Parameter::value).findFirst();
    }

    /** Every value of a parameter that may be repeated (UPLOAD), in order. */
    public List<String> parameterValues(String name) {
        requireNonNull(name, "name is null");
        return parameters.stream().filter(p -> p.isNamed(name)).map(Parameter::value).toList();
    }

    /** The result with this id. */
    public Optional<Result> result(String resultId) {
        requireNonNull(resultId, "resultId is null");
        return results.stream().filter(r -> r.id().equals(resultId)).findFirst();
    }

    public Job withPhase(ExecutionPhase newPhase) {
        return new Job(id, runId, owner, newPhase, executionDuration, destruction, quote, creationTime, startTime,
                endTime, parameters, results, error);
    }

    public Job withRunId(Optional<String> newRunId) {
        return new Job(id, newRunId, owner, phase, executionDuration, destruction, quote, creationTime, startTime,
                endTime, parameters, results, error);
    }

    public Job withExecutionDuration(Duration newExecutionDuration) {
        return new Job(id, runId, owner, phase, newExecutionDuration, destruction, quote, creationTime, startTime,
                endTime, parameters, results, error);
    }

    public Job withDestruction(Instant newDestruction) {
        return new Job(id, runId, owner, phase, executionDuration, newDestruction, quote, creationTime, startTime,
                endTime, parameters, results, error);
    }

    public Job withQuote(Optional<Instant> newQuote) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, newQuote, creationTime, startTime,
                endTime, parameters, results, error);
    }

    public Job withStartTime(Optional<Instant> newStartTime) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, quote, creationTime, newStartTime,
                endTime, parameters, results, error);
    }

    public Job withEndTime(Optional<Instant> newEndTime) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, quote, creationTime, startTime,
                newEndTime, parameters, results, error);
    }

    public Job withParameters(List<Parameter> newParameters) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, quote, creationTime, startTime,
                endTime, newParameters, results, error);
    }

    public Job withResults(List<Result> newResults) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, quote, creationTime, startTime,
                endTime, parameters, newResults, error);
    }

    public Job withError(Optional<ErrorSummary> newError) {
        return new Job(id, runId, owner, phase, executionDuration, destruction, quote, creationTime, startTime,
                endTime, parameters, results, newError);
    }

    /** Instants to the millisecond: what UWS shows and every store keeps exactly. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * UWS counts execution durations in whole seconds (an xs:int); anything finer could not be
     * shown or stored, so it is cut off here once rather than differently by each store.
     */
    static Duration wholeSeconds(Duration duration) {
        requireNonNull(duration, "executionDuration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("an execution duration cannot be negative: " + duration);
        }
        if (duration.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an execution duration must fit in " + Integer.MAX_VALUE
                    + " seconds: " + duration);
        }
        return Duration.ofSeconds(duration.getSeconds());
    }
}
