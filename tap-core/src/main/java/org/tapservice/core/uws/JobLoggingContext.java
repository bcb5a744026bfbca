package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.MDC;

/**
 * The job a thread works for, put in the SLF4J MDC for as long as it is open, so that every
 * log line written meanwhile names the job, its owner and run id and this instance (JSON logs
 * carry the MDC as fields of each line). Opened and closed in one try-with-resources on the same
 * thread: a virtual thread, or a pooled one serving another request next, keeps nothing. What
 * the keys held before is put back on close, so contexts may nest.
 */
public final class JobLoggingContext implements AutoCloseable {

    public static final String JOB_ID = "jobId";
    public static final String OWNER = "owner";
    public static final String RUN_ID = "runId";
    /** This instance's name, the one its job log lines are signed with. */
    public static final String INSTANCE = "instance";

    private final Map<String, Optional<String>> previous = new LinkedHashMap<>();

    private JobLoggingContext(Map<String, Optional<String>> values) {
        values.forEach((key, value) -> {
            previous.put(key, Optional.ofNullable(MDC.get(key)));
            put(key, value);
        });
    }

    /** The job as read from the store: its id, owner (absent for an anonymous job) and run id. */
    public static JobLoggingContext of(Job job, String instance) {
        requireNonNull(job, "job is null");
        return of(job.id(), job.owner(), job.runId(), instance);
    }

    /**
     * A job named by a request, before it is read: the caller is its owner if the request
     * reaches it at all.
     */
    public static JobLoggingContext of(JobId id, Optional<String> owner, Optional<String> runId, String instance) {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(instance, "instance is null");
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put(JOB_ID, Optional.of(id.value()));
        values.put(OWNER, owner);
        values.put(RUN_ID, runId);
        values.put(INSTANCE, Optional.of(instance).filter(name -> !name.isBlank()));
        return new JobLoggingContext(values);
    }

    /** A thread of this instance that works for no one job yet (a worker waiting for one). */
    public static JobLoggingContext instance(String instance) {
        requireNonNull(instance, "instance is null");
        return new JobLoggingContext(Map.of(INSTANCE, Optional.of(instance).filter(name -> !name.isBlank())));
    }

    @Override
    public void close() {
        previous.forEach(JobLoggingContext::put);
    }

    private static void put(String key, Optional<String> value) {
        if (value.isPresent()) {
            MDC.put(key, value.get());
        } else {
            MDC.remove(key);
        }
    }
}
