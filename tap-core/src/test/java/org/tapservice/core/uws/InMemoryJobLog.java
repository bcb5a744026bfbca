package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link JobLog} of one instance in memory, for tap-core's own tests: lines are kept per
 * job in the order appended, whether or not the job exists (the tests' store is another
 * object). The Redis log's behaviour is tested on Redis.
 */
public final class InMemoryJobLog implements JobLog {

    private final String instance;
    private final Clock clock;
    private final Map<JobId, List<JobLogEntry>> lines = new ConcurrentHashMap<>();

    public InMemoryJobLog(String instance, Clock clock) {
        this.instance = requireNonNull(instance, "instance is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void append(JobId id, String event) {
        requireNonNull(id, "id is null");
        lines.computeIfAbsent(id, key -> new ArrayList<>()).add(new JobLogEntry(clock.instant(), instance, event));
    }

    @Override
    public List<JobLogEntry> read(JobId id) {
        List<JobLogEntry> log = lines.get(requireNonNull(id, "id is null"));
        return log == null ? List.of() : List.copyOf(log);
    }

    /** The events of the job's lines, in order. */
    public List<String> events(JobId id) {
        return read(id).stream().map(JobLogEntry::event).toList();
    }
}
