package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How this instance signs the job log lines its steps write ({@link RedisJobLog}): its id, and
 * how many lines a job's log keeps (the oldest go first). The store's and the queue's scripts
 * take a line as two arguments ({@link #args}), which {@link JobLogScripts#LOG} reads; a store
 * made without a writer ({@link #NONE}) passes an empty line, which writes nothing.
 *
 * @param instance the instance id: letters, digits and {@code . _ : @ -} only, so that it is
 *                 one word of a line and safe in the claim script's format template
 * @param maxLines the most lines a job's log keeps
 */
public record JobLogWriter(String instance, int maxLines) {

    // before NONE, which the constructor checks against it
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:@-]+");

    /** Writes no lines: for stores and queues of tests and deployments without job logs. */
    public static final JobLogWriter NONE = new JobLogWriter("-", 1);

    public JobLogWriter {
        requireNonNull(instance, "instance is null");
        if (!INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("an instance id may hold only letters, digits and . _ : @ -; got '"
                    + instance + "'");
        }
        if (maxLines <= 0) {
            throw new IllegalArgumentException("a job log must keep at least one line: " + maxLines);
        }
    }

    /** The script arguments of one line: the line without its time (the script adds Redis' time), and the bound. */
    List<String> args(String event) {
        return List.of(this == NONE ? "" : instance + " " + event, Integer.toString(maxLines));
    }
}
