package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ErrorType;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

/**
 * The job hash's field names and the mapping between a {@link Job} and its hash; the one
 * place that knows how a job is written in Redis.
 *
 * <ul>
 *   <li>times are epoch milliseconds, the execution duration whole seconds, as decimal text;</li>
 *   <li>an optional field (run id, owner, quote, start and end time, error) is absent from the
 *       hash when the job has none, so an absent owner (anonymous) is never confused with a
 *       value;</li>
 *   <li>parameters and results are one field each, a list of {@link Netstrings}: a parameter
 *       is its name, value and {@code v}/{@code r} (value or by reference), a result its id,
 *       MIME type and size; order, repeated names and empty values survive;</li>
 *   <li>{@value #REVISION} counts the writes to the hash; the scripts keep it, and a change
 *       computed from a job read earlier (a parameter merge) is applied only if it is
 *       unchanged.</li>
 * </ul>
 * The Lua scripts ({@link JobScripts}) name {@value #PHASE} and {@value #REVISION} themselves;
 * every other field passes through them as data.
 */
public final class JobHashMapper {

    public static final String PHASE = "phase";
    public static final String REVISION = "revision";
    public static final String RUN_ID = "runId";
    public static final String OWNER = "owner";
    public static final String EXECUTION_DURATION = "executionDuration";
    public static final String DESTRUCTION = "destruction";
    public static final String QUOTE = "quote";
    public static final String CREATION_TIME = "creationTime";
    public static final String START_TIME = "startTime";
    public static final String END_TIME = "endTime";
    public static final String PARAMETERS = "parameters";
    public static final String RESULTS = "results";
    public static final String ERROR_TYPE = "errorType";
    public static final String ERROR_MESSAGE = "errorMessage";
    /**
     * The bytes of the job's results together, written with the results: what the job holds
     * against its owner's storage quota ({@link JobScripts#HOLD}). Not part of the job.
     */
    public static final String RESULT_BYTES = "resultBytes";
    /**
     * How many times workers claimed the job ({@link QueueScripts#CLAIM}), less the claims an
     * orderly shutdown gave back ({@link QueueScripts#RELEASE}): a claim that finds the limit
     * reached ends the job instead, and the job log's "attempt n" is this count. Not part of
     * the job.
     */
    public static final String ATTEMPTS = "attempts";

    /** The fields a job list shows, in the order its entry holds them ({@link #fromRef}). */
    public static final List<String> SUMMARY_FIELDS = List.of(PHASE, RUN_ID, OWNER, CREATION_TIME);

    private static final String BY_VALUE = "v";
    private static final String BY_REFERENCE = "r";

    /**
     * What a change writes to a job's hash: fields to set and fields to remove (an empty run id
     * is no run id), and the new destruction time when it changes, to re-arm the key's expiry.
     */
    public record HashWrites(Map<String, String> set, Set<String> delete, Optional<Instant> destruction) {
        public HashWrites {
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            delete = Set.copyOf(delete);
            requireNonNull(destruction, "destruction is null");
        }
    }

    private static long bytes(List<Result> results) {
        long bytes = 0;
        for (Result result : results) {
            bytes += result.size();
        }
        return bytes;
    }

    /** The hash of a new job: every field it has (without {@value #REVISION}, which the script sets). */
    public Map<String, String> toHash(Job job) {
        requireNonNull(job, "job is null");
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(PHASE, job.phase().value());
        job.runId().ifPresent(runId -> hash.put(RUN_ID, runId));
        job.owner().ifPresent(owner -> hash.put(OWNER, owner));
        hash.put(EXECUTION_DURATION, Long.toString(job.executionDuration().getSeconds()));
        hash.put(DESTRUCTION, millis(job.destruction()));
        job.quote().ifPresent(quote -> hash.put(QUOTE, millis(quote)));
        hash.put(CREATION_TIME, millis(job.creationTime()));
        job.startTime().ifPresent(start -> hash.put(START_TIME, millis(start)));
        job.endTime().ifPresent(end -> hash.put(END_TIME, millis(end)));
        hash.put(PARAMETERS, encodeParameters(job.parameters()));
        hash.put(RESULTS, encodeResults(job.results()));
        hash.put(RESULT_BYTES, Long.toString(bytes(job.results())));
        job.error().ifPresent(error -> {
            hash.put(ERROR_TYPE, error.type().name());
            hash.put(ERROR_MESSAGE, error.message());
        });
        return hash;
    }

    /**
     * The job a hash holds.
     *
     * @throws IllegalStateException naming the first required field that is missing, or a
     *         field whose value cannot be read
     */
    public Job fromHash(JobId id, Map<String, String> hash) {
        requireNonNull(id, "id is null");
        requireNonNull(hash, "hash is null");
        Optional<ErrorSummary> error = Optional.ofNullable(hash.get(ERROR_TYPE))
                .map(type -> new ErrorSummary(errorType(type), required(hash, ERROR_MESSAGE)));
        return new Job(id, Optional.ofNullable(hash.get(RUN_ID)), Optional.ofNullable(hash.get(OWNER)),
                phase(required(hash, PHASE)), Duration.ofSeconds(number(EXECUTION_DURATION,
                required(hash, EXECUTION_DURATION))), instant(DESTRUCTION, required(hash, DESTRUCTION)),
                optionalInstant(hash, QUOTE), instant(CREATION_TIME, required(hash, CREATION_TIME)),
                optionalInstant(hash, START_TIME), optionalInstant(hash, END_TIME),
                decodeParameters(required(hash, PARAMETERS)), decodeResults(required(hash, RESULTS)), error);
    }

    /**
     * A job list's entry from the job's ref key ({@link JobKeys#ref}); empty when there is none
     * (no job). The key holds the values of {@link #SUMMARY_FIELDS} as the scripts write them
     * ({@link JobScripts#REF}): each {@code <length in bytes>:<UTF-8 text>}, or {@code -} for a
     * field the hash lacks.
     *
     * @throws IllegalStateException if the value is not one the scripts write
     */
    public Optional<JobRef> fromRef(JobId id, byte[] ref) {
        requireNonNull(id, "id is null");
        if (ref == null) {
            return Optional.empty();
        }
        List<String> summary = new ArrayList<>(SUMMARY_FIELDS.size());
        int at = 0;
        while (at < ref.length) {
            if (ref[at] == '-') {
                summary.add(null);
                at++;
                continue;
            }
            int start = at;
            int length = 0;
            // bounded by the entry's size, so a malformed length cannot overflow
            while (at < ref.length && ref[at] >= '0' && ref[at] <= '9' && length <= ref.length) {
                length = length * 10 + (ref[at++] - '0');
            }
            if (at == start || at == ref.length || ref[at] != ':' || length > ref.length - at - 1) {
                throw new IllegalStateException("the list entry of job " + id + " is malformed at byte " + start);
            }
            summary.add(new String(ref, at + 1, length, UTF_8));
            at += 1 + length;
        }
        if (summary.size() != SUMMARY_FIELDS.size() || summary.get(0) == null || summary.get(3) == null) {
            throw new IllegalStateException("the list entry of job " + id + " does not hold "
                    + SUMMARY_FIELDS + " with a phase and a creation time");
        }
        return Optional.of(new JobRef(id, phase(summary.get(0)), Optional.ofNullable(summary.get(1)),
                Optional.ofNullable(summary.get(2)), instant(CREATION_TIME, summary.get(3))));
    }

    /**
     * What the change writes. A parameter change merges with the job's current parameters, so
     * it needs the job as read ({@code current}); every other field overwrites, and needs none.
     *
     * @throws IllegalArgumentException if the change sets parameters and no current job is given
     */
    public HashWrites writes(JobChange change, Optional<Job> current) {
        requireNonNull(change, "change is null");
        requireNonNull(current, "current is null");
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> delete = new LinkedHashSet<>();
        // Job keeps an empty run id as none; so does the hash
        change.runId().ifPresent(runId -> {
            if (runId.isEmpty()) {
                delete.add(RUN_ID);
            } else {
                set.put(RUN_ID, runId);
            }
        });
        if (change.parameters().isPresent()) {
            Job job = current.orElseThrow(() -> new IllegalArgumentException(
                    "a parameter change merges with the current parameters: the current job is needed"));
            set.put(PARAMETERS, encodeParameters(change.applyTo(job).parameters()));
        }
        change.executionDuration().ifPresent(duration -> set.put(EXECUTION_DURATION,
                Long.toString(duration.getSeconds())));
        change.destruction().ifPresent(destruction -> set.put(DESTRUCTION, millis(destruction)));
        change.quote().ifPresent(quote -> set.put(QUOTE, millis(quote)));
        change.startTime().ifPresent(start -> set.put(START_TIME, millis(start)));
        change.endTime().ifPresent(end -> set.put(END_TIME, millis(end)));
        change.results().ifPresent(results -> {
            set.put(RESULTS, encodeResults(results));
            set.put(RESULT_BYTES, Long.toString(bytes(results)));
        });
        change.error().ifPresent(error -> {
            set.put(ERROR_TYPE, error.type().name());
            set.put(ERROR_MESSAGE, error.message());
        });
        return new HashWrites(set, delete, change.destruction());
    }

    /** The current revision of a hash as read whole. */
    public String revision(Map<String, String> hash) {
        return required(hash, REVISION);
    }

    private static String encodeParameters(List<Parameter> parameters) {
        List<String> items = new ArrayList<>(parameters.size() * 3);
        for (Parameter parameter : parameters) {
            items.add(parameter.id());
            items.add(parameter.value());
            items.add(parameter.byReference() ? BY_REFERENCE : BY_VALUE);
        }
        return Netstrings.encode(items);
    }

    private static List<Parameter> decodeParameters(String text) {
        List<String> items = triples(PARAMETERS, text);
        List<Parameter> parameters = new ArrayList<>(items.size() / 3);
        for (int i = 0; i < items.size(); i += 3) {
            String flag = items.get(i + 2);
            if (!flag.equals(BY_VALUE) && !flag.equals(BY_REFERENCE)) {
                throw new IllegalStateException("job hash field '" + PARAMETERS + "' has a parameter flag '" + flag
                        + "', expected " + BY_VALUE + " or " + BY_REFERENCE);
            }
            parameters.add(new Parameter(items.get(i), items.get(i + 1), flag.equals(BY_REFERENCE)));
        }
        return parameters;
    }

    private static String encodeResults(List<Result> results) {
        List<String> items = new ArrayList<>(results.size() * 3);
        for (Result result : results) {
            items.add(result.id());
            items.add(result.mimeType());
            items.add(Long.toString(result.size()));
        }
        return Netstrings.encode(items);
    }

    private static List<Result> decodeResults(String text) {
        List<String> items = triples(RESULTS, text);
        List<Result> results = new ArrayList<>(items.size() / 3);
        for (int i = 0; i < items.size(); i += 3) {
            results.add(new Result(items.get(i), items.get(i + 1), number(RESULTS, items.get(i + 2))));
        }
        return results;
    }

    private static List<String> triples(String field, String text) {
        List<String> items = Netstrings.decode(field, text);
        if (items.size() % 3 != 0) {
            throw new IllegalStateException("job hash field '" + field + "' does not hold triples");
        }
        return items;
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalStateException("job hash has no field '" + field + "'");
        }
        return value;
    }

    private static ExecutionPhase phase(String text) {
        try {
            return ExecutionPhase.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("job hash field '" + PHASE + "' holds no phase: '" + text + "'", e);
        }
    }

    private static ErrorType errorType(String text) {
        try {
            return ErrorType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("job hash field '" + ERROR_TYPE + "' holds no error type: '" + text + "'",
                    e);
        }
    }

    private static Optional<Instant> optionalInstant(Map<String, String> hash, String field) {
        return Optional.ofNullable(hash.get(field)).map(text -> instant(field, text));
    }

    private static Instant instant(String field, String text) {
        return Instant.ofEpochMilli(number(field, text));
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("job hash field '" + field + "' is not a number: '" + text + "'", e);
        }
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
