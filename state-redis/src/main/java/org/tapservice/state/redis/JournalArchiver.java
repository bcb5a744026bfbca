package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;
import org.tapservice.state.archive.ArchiveWrites;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * Copies the {@link JobJournal} into the PostgreSQL job archive, one batch per {@link #drain()}.
 * Each instance is one consumer of the stream's consumer group, under a name of its own; the
 * caller schedules the drains (tap-api, on a timer), so PostgreSQL is never on a request's path.
 *
 * <p>A drain takes the entries other consumers left unacknowledged for longer than
 * {@code claimIdle} (their instance died, or their drain failed), this consumer's own
 * unacknowledged entries (its last drain failed: the archive was down, and is archived as soon
 * as it is back) and the group's new entries, none waiting for more. Entries of one job come
 * down to the last: {@code deleted} removes
 * the job from the archive; {@code changed} writes it as its hash holds it now, read with
 * HGETALLs all in flight together, or not at all when the hash is gone (deleted since, or
 * expired: the reaper finds it in the archive). All of it is one transaction on the state pool
 * ({@link PostgresJobStore#writeLocked}) that locks the batch's jobs before their hashes are
 * read, so two instances draining entries of the same job at once write it in the order they
 * read it, and the archive ends as Redis is. Only then are the entries acknowledged and deleted
 * from the stream; a drain that fails leaves them to be claimed again, and writing a batch
 * twice writes the same rows.
 *
 * <p>The group is created when a read finds it missing (a new deployment, or a Redis that lost
 * its data and so the stream with it), from the stream's first entry; another instance
 * creating it at the same moment is no error.
 */
public final class JournalArchiver {

    private static final String GROUP = "archiver";
    private static final Logger log = LoggerFactory.getLogger(JournalArchiver.class);

    private final SharedConnection redis;
    private final JobKeys keys;
    private final PostgresJobStore archive;
    private final Consumer<byte[]> consumer;
    private final int batchSize;
    private final Duration claimIdle;
    private final JobHashMapper mapper = new JobHashMapper();

    /**
     * @param redis     the started connection factory of the state Redis
     * @param keys      the key layout and namespace the store journals under
     * @param archive   the job archive, on the state pool
     * @param consumer  this instance's name in the group, the same across its restarts
     * @param batchSize the most entries a drain reads of each kind (claimed, new)
     * @param claimIdle how long an entry read by another consumer stays unacknowledged before
     *                  this one takes it over; longer than a drain normally takes
     */
    public JournalArchiver(LettuceConnectionFactory redis, JobKeys keys, PostgresJobStore archive, String consumer,
                           int batchSize, Duration claimIdle) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.archive = requireNonNull(archive, "archive is null");
        requireNonNull(consumer, "consumer is null");
        if (consumer.isBlank()) {
            throw new IllegalArgumentException("the consumer name is blank");
        }
        this.consumer = Consumer.from(SharedConnection.bytes(GROUP), SharedConnection.bytes(consumer));
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.claimIdle = requireNonNull(claimIdle, "claimIdle is null");
        if (claimIdle.isNegative()) {
            throw new IllegalArgumentException("the claim idle time cannot be negative: " + claimIdle);
        }
    }

    /** The most entries a drain reads of each kind (claimed, new): a drain that read that many may have left some behind. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Archives one batch of entries. Safe to call from any number of instances at once.
     *
     * @return how many entries were archived and removed from the journal; 0 when there were
     *         none
     */
    public int drain() {
        return redis.run(commands -> {
            List<StreamMessage<byte[], byte[]>> messages = read(commands);
            if (messages.isEmpty()) {
                return 0;
            }
            // a job's later entry overrules its earlier ones: the stream is in order, and so is a
            // batch (claimed entries are older than new ones)
            Map<JobId, JobJournal.Operation> last = new HashMap<>();
            for (StreamMessage<byte[], byte[]> message : messages) {
                Map<String, String> body = SharedConnection.strings(message.getBody());
                Optional<JobJournal.Entry> entry = JobJournal.Entry.of(body);
                if (entry.isEmpty()) {
                    log.warn("journal entry {} is not one the job store writes, dropped: {}", message.getId(), body);
                    continue;
                }
                last.put(entry.get().job(), entry.get().operation());
            }
            if (!last.isEmpty()) {
                archive.writeLocked(last.keySet(), () -> writes(commands, last));
            }
            acknowledge(commands, messages);
            return messages.size();
        });
    }

    /** Entries left too long by other consumers, then new ones; the group created if missing. */
    private List<StreamMessage<byte[], byte[]>> read(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        try {
            return readGroup(commands);
        } catch (RuntimeException e) {
            if (!isRedisError(e, "NOGROUP")) {
                throw e;
            }
            createGroup(commands);
            return readGroup(commands);
        }
    }

    private List<StreamMessage<byte[], byte[]>> readGroup(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        byte[] journal = SharedConnection.bytes(keys.journal());
        // both in flight together; a missing group fails both
        CompletableFuture<ClaimedMessages<byte[], byte[]>> claimed = commands.xautoclaim(journal,
                XAutoClaimArgs.Builder.xautoclaim(consumer, claimIdle, "0-0").count(batchSize)).toCompletableFuture();
        CompletableFuture<List<StreamMessage<byte[], byte[]>>> fresh = commands.xreadgroup(consumer,
                XReadArgs.Builder.count(batchSize), XReadArgs.StreamOffset.lastConsumed(journal)).toCompletableFuture();
        // this consumer's own entries whose drain failed (the archive was down): again at once,
        // not only once claimIdle has passed
        CompletableFuture<List<StreamMessage<byte[], byte[]>>> own = commands.xreadgroup(consumer,
                XReadArgs.Builder.count(batchSize), XReadArgs.StreamOffset.from(journal, "0-0")).toCompletableFuture();
        // an entry may come twice (claimed, then read as this consumer's own); a batch is in stream order
        Map<String, StreamMessage<byte[], byte[]>> messages = new TreeMap<>(JournalArchiver::compareIds);
        for (StreamMessage<byte[], byte[]> message : redis.await(claimed).getMessages()) {
            messages.put(message.getId(), message);
        }
        for (StreamMessage<byte[], byte[]> message : redis.await(own)) {
            messages.put(message.getId(), message);
        }
        for (StreamMessage<byte[], byte[]> message : redis.await(fresh)) {
            messages.put(message.getId(), message);
        }
        return new ArrayList<>(messages.values());
    }

    private void createGroup(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        try {
            // from the first entry: whatever is in the stream has not been archived by this group
            redis.await(commands.xgroupCreate(XReadArgs.StreamOffset.from(SharedConnection.bytes(keys.journal()), "0"),
                    SharedConnection.bytes(GROUP),
                    new XGroupCreateArgs().mkstream(true)).toCompletableFuture());
        } catch (RuntimeException e) {
            if (!isRedisError(e, "BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** What the batch writes, read from Redis once the archive holds the jobs' locks. */
    private ArchiveWrites writes(RedisClusterAsyncCommands<byte[], byte[]> commands,
                                 Map<JobId, JobJournal.Operation> last) {
        List<JobId> changed = new ArrayList<>();
        List<JobId> deleted = new ArrayList<>();
        last.forEach((id, operation) -> (operation == JobJournal.Operation.CHANGED ? changed : deleted).add(id));
        List<CompletableFuture<Map<byte[], byte[]>>> hashes = new ArrayList<>(changed.size());
        List<CompletableFuture<List<byte[]>>> lines = new ArrayList<>(changed.size());
        for (JobId id : changed) {
            hashes.add(commands.hgetall(SharedConnection.bytes(keys.job(id))).toCompletableFuture());
            lines.add(RedisJobLog.lines(commands, keys, id));
        }
        List<Job> present = new ArrayList<>(changed.size());
        Map<JobId, List<JobLogEntry>> logs = new HashMap<>();
        for (int i = 0; i < changed.size(); i++) {
            Map<String, String> hash = SharedConnection.strings(redis.await(hashes.get(i)));
            List<JobLogEntry> log = RedisJobLog.decode(redis.await(lines.get(i)));
            if (!hash.isEmpty()) {
                present.add(mapper.fromHash(changed.get(i), hash));
                if (!log.isEmpty()) {
                    // a job's log is archived with it; one that logs nothing keeps what the archive has
                    logs.put(changed.get(i), log);
                }
            }
        }
        return new ArchiveWrites(present, deleted, logs);
    }

    /** Acknowledges the entries and deletes them from the stream, both in flight together. */
    private void acknowledge(RedisClusterAsyncCommands<byte[], byte[]> commands,
                             List<StreamMessage<byte[], byte[]>> messages) {
        byte[] journal = SharedConnection.bytes(keys.journal());
        String[] ids = messages.stream().map(StreamMessage::getId).toArray(String[]::new);
        redis.awaitAll(commands.xack(journal, SharedConnection.bytes(GROUP), ids).toCompletableFuture(),
                commands.xdel(journal, ids).toCompletableFuture());
    }

    /** Stream entry ids ({@code <millis>-<sequence>}) in the stream's order. */
    private static int compareIds(String left, String right) {
        int leftDash = left.indexOf('-');
        int rightDash = right.indexOf('-');
        int byTime = Long.compare(Long.parseLong(left.substring(0, leftDash)),
                Long.parseLong(right.substring(0, rightDash)));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(left.substring(leftDash + 1)),
                Long.parseLong(right.substring(rightDash + 1)));
    }

    /** Whether a failure is Redis answering with this error code. */
    private static boolean isRedisError(Throwable failure, String code) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null
                    && cause.getMessage().startsWith(code)) {
                return true;
            }
        }
        return false;
    }
}
