package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.uws.JobId;

/**
 * The journal of job changes: a Redis stream ({@link JobKeys#journal()}) that the
 * {@link JournalArchiver} copies into the PostgreSQL job archive. Every step that changes a
 * job (the store's create, transition, update and delete; a queue's claim and finish) appends
 * an entry once the step has succeeded.
 *
 * <p>An entry says only which job changed and how: {@code op} {@code changed} or
 * {@code deleted}, and {@code job}, the id. The archiver reads the job's hash when it writes
 * the job, so an entry stays a few bytes whatever the job holds, and however many entries one
 * job gets between two drains, it is written once, as it is by then.
 *
 * <p><b>Order.</b> Entries of different jobs may be archived in any order, as each job's row
 * depends on that job alone. For one job, all that matters is that an entry is never read
 * before the change it announces is made, or the archiver would write the job as it was
 * before. That is why an entry is sent only after the step's answer, never pipelined ahead of
 * it: on a cluster the stream and the job live on different nodes, and even on one node the
 * script could fail while the entry went in.
 *
 * <p><b>Not waited for.</b> The step that appends does not wait for the answer, so the
 * journal costs a request no round trip; a failure is logged here. An entry is lost only if
 * Redis or the connection fails between the job's step and the entry, or if the stream is
 * trimmed past entries a stopped archiver never read (it is capped at {@code maxLength}
 * entries, approximately, so that a dead archiver cannot fill Redis). A lost entry leaves the
 * archive one change behind on that job until the job's next change, which journals the whole
 * job again; it matters only if Redis is lost before that. The job then comes back from the
 * archive as it was one step earlier ({@link StateRecovery}): a job that had finished is run
 * again, none is lost. A job's creation, the one step a client is told about before anything
 * else can follow it, is made durable by the store's {@link CreationDurability} instead.
 *
 * <p>Redis Cluster: the stream is one key with a hash tag of its own, on one node; entries
 * are tiny, and that node handles them as it would any one busy key.
 */
public final class JobJournal {

    /** The entry field naming what happened: an {@link Operation}'s value. */
    static final String OP = "op";
    /** The entry field naming the job. */
    static final String JOB = "job";

    private static final Logger log = LoggerFactory.getLogger(JobJournal.class);

    /** How a job changed, and how an entry spells it. */
    enum Operation {
        /** The job exists and changed (or was created): the archive should hold it as it is now. */
        CHANGED("changed"),
        /** The job was deleted: the archive should forget it. */
        DELETED("deleted");

        private final String value;

        Operation(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    /** What an entry says, as read back by the archiver. */
    record Entry(Operation operation, JobId job) {
        Entry {
            requireNonNull(operation, "operation is null");
            requireNonNull(job, "job is null");
        }

        /**
         * The entry a body holds; empty for a body this class did not write, which the
         * archiver acknowledges and otherwise ignores.
         */
        static Optional<Entry> of(Map<String, String> body) {
            String op = body.get(OP);
            String job = body.get(JOB);
            for (Operation operation : Operation.values()) {
                if (operation.value().equals(op) && job != null) {
                    try {
                        return Optional.of(new Entry(operation, new JobId(job)));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private final JobKeys keys;
    private final XAddArgs capped;

    /**
     * @param keys      the key layout and namespace
     * @param maxLength the number of entries past which the oldest are dropped (approximately,
     *                  as Redis trims whole nodes); far more than the archiver ever leaves
     *                  behind, so that it is reached only when no archiver runs
     */
    public JobJournal(JobKeys keys, long maxLength) {
        this.keys = requireNonNull(keys, "keys is null");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("the journal's maximum length must be positive: " + maxLength);
        }
        this.capped = new XAddArgs().maxlen(maxLength).approximateTrimming();
    }

    /**
     * Appends "this job changed" (or was created), without waiting: call it once the job's
     * step has answered. The answer may be awaited by a caller that needs it.
     */
    CompletableFuture<String> changed(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id) {
        return append(commands, Operation.CHANGED, id);
    }

    /** Appends "this job was deleted", as {@link #changed} does. */
    CompletableFuture<String> deleted(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id) {
        return append(commands, Operation.DELETED, id);
    }

    private CompletableFuture<String> append(RedisClusterAsyncCommands<byte[], byte[]> commands,
                                             Operation operation, JobId id) {
        requireNonNull(id, "id is null");
        Map<byte[], byte[]> body = Map.of(SharedConnection.bytes(OP), SharedConnection.bytes(operation.value()),
                SharedConnection.bytes(JOB), SharedConnection.bytes(id.value()));
        CompletableFuture<String> sent = commands.xadd(SharedConnection.bytes(keys.journal()), capped, body)
                .toCompletableFuture();
        sent.whenComplete((entry, failure) -> {
            if (failure != null) {
                log.warn("journal entry '{}' of job {} was not written; the archive lags behind this job until"
                        + " its next change: {}", operation.value(), id, failure.toString());
            }
        });
        return sent;
    }
}
