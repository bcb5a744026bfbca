package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLog;
import org.tapservice.core.uws.JobLogEntry;

/**
 * The {@link JobLog} on Redis: one list per job ({@link JobKeys#log}), tagged like the job's
 * hash, holding {@code <Redis millis> <instance> <event>} per line. The store's and the
 * queue's scripts append the line of each phase change in the same step as the change
 * ({@link JobLogScripts#LOG}); {@link #append} writes the others, in a script that appends only
 * while the job exists. The list keeps the last {@link JobLogWriter#maxLines()} lines, expires
 * with the job's hash and is deleted with it. The archiver copies it to the PostgreSQL archive
 * with the job, and a rebuild puts the archived lines back ({@link #restore}).
 */
public final class RedisJobLog implements JobLog {

    private static final Logger log = LoggerFactory.getLogger(RedisJobLog.class);
    private static final JobScripts.Script APPEND = new JobScripts.Script(JobLogScripts.APPEND,
            ScriptOutputType.INTEGER);
    private static final JobScripts.Script PREPEND = new JobScripts.Script(JobLogScripts.PREPEND,
            ScriptOutputType.INTEGER);

    private final SharedConnection redis;
    private final JobKeys keys;
    private final JobLogWriter writer;

    /**
     * @param redis  the started connection factory of the state Redis
     * @param keys   the key layout and namespace, the store's
     * @param writer this instance's id on the lines it writes, and the bound of a job's log
     */
    public RedisJobLog(LettuceConnectionFactory redis, JobKeys keys, JobLogWriter writer) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public void append(JobId id, String event) {
        requireNonNull(id, "id is null");
        requireNonNull(event, "event is null");
        try {
            redis.run(commands -> redis.await(JobScripts.run(commands, APPEND, List.of(keys.job(id), keys.log(id)),
                    writer.args(event))));
        } catch (RuntimeException e) {
            log.warn("job {}: log line '{}' not written: {}", id, event, e.toString());
        }
    }

    @Override
    public List<JobLogEntry> read(JobId id) {
        requireNonNull(id, "id is null");
        return redis.run(commands -> decode(redis.await(lines(commands, keys, id))));
    }

    /**
     * Puts lines the archive kept before the ones the job's log holds: a rebuild gives a
     * restored job its history back. Nothing happens when the job is not in Redis.
     */
    public void restore(JobId id, List<JobLogEntry> entries) {
        requireNonNull(id, "id is null");
        if (entries.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(entries.size() + 1);
        args.add(Integer.toString(writer.maxLines()));
        entries.forEach(entry -> args.add(encode(entry)));
        redis.run(commands -> redis.await(JobScripts.run(commands, PREPEND, List.of(keys.job(id), keys.log(id)),
                args)));
    }

    /** Sends LRANGE of the whole log and returns at once, so that several can be in flight together. */
    static CompletableFuture<List<byte[]>> lines(RedisClusterAsyncCommands<byte[], byte[]> commands, JobKeys keys,
                                                 JobId id) {
        return commands.lrange(SharedConnection.bytes(keys.log(id)), 0, -1).toCompletableFuture();
    }

    /** The entries of the lines as LRANGE answered them; a line no script wrote is skipped. */
    static List<JobLogEntry> decode(List<byte[]> lines) {
        List<JobLogEntry> entries = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            decode(SharedConnection.string(line)).ifPresent(entries::add);
        }
        return entries;
    }

    /** A line as {@link JobLogScripts#LOG} writes it. */
    static String encode(JobLogEntry entry) {
        return entry.time().toEpochMilli() + " " + entry.instance() + " " + entry.event();
    }

    private static Optional<JobLogEntry> decode(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        if (second > first + 1) {
            try {
                return Optional.of(new JobLogEntry(Instant.ofEpochMilli(Long.parseLong(line.substring(0, first))),
                        line.substring(first + 1, second), line.substring(second + 1)));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        log.warn("Ignored a job log line that is not '<millis> <instance> <event>': '{}'", line);
        return Optional.empty();
    }
}
