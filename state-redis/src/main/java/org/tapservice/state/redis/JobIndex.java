package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.OwnerFilter;

/**
 * The job lists: sorted sets of job ids scored by creation time (per owner, anonymous, all;
 * {@link JobKeys}), written in steps of their own beside each job's atomic step, and read so
 * that a list is exactly what {@link JobFilter#select} would make of the jobs themselves.
 *
 * <p>An index only proposes candidates; the jobs decide. A list reads the index range (AFTER
 * becomes the lower score bound), then each candidate's list entry ({@link JobKeys#ref}: its
 * phase, run id, owner and creation time, which every step rewrites with the job's hash), and
 * keeps an entry only if its job exists, has the owner the index is for and the creation time
 * it is scored with, and passes the filter. An entry left behind by a
 * failed create, or by a delete that died between its two steps, is thus never shown. Because
 * ids are added before the job is created and removed after it is deleted, a live job is
 * always in its indexes, so nothing is ever missing.
 *
 * <p>LAST reads a window of the newest entries and widens it (×4) until it holds LAST matching
 * jobs or the whole range; each window is one ZREVRANGEBYSCORE (an atomic snapshot of the
 * index), and Redis orders equal scores by descending member, which is
 * {@link JobRef#NEWEST_FIRST}'s tie-break. The entries of a window's jobs are read with one
 * MGET: one command and one answer for the whole page, where one HMGET per job cost the client
 * most of a list's time. A cluster connection splits the MGET by slot, sends the parts to
 * their nodes together and puts the answers back in order.
 */
final class JobIndex {

    private static final int SMALLEST_WINDOW = 16;

    private final SharedConnection redis;
    private final JobKeys keys;
    private final JobScripts scripts;
    private final JobHashMapper mapper;

    JobIndex(SharedConnection redis, JobKeys keys, JobScripts scripts, JobHashMapper mapper) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /**
     * Puts the job in its owner's index and the index of all jobs, each kept alive at least
     * until {@code expireAt}, and returns at once: the caller waits for the answer, which fails
     * if either write failed. The two writes are independent (different keys, on a cluster
     * maybe different nodes), so they are in flight together. Idempotent: run again when the
     * job's expiry moves later.
     */
    CompletableFuture<Void> add(RedisClusterAsyncCommands<byte[], byte[]> commands, Job job, Instant expireAt) {
        return CompletableFuture.allOf(
                scripts.index(commands, keys.ownerIndex(job.owner()), job.id(), job.creationTime(), expireAt),
                scripts.index(commands, keys.allIndex(), job.id(), job.creationTime(), expireAt));
    }

    /** Takes a deleted job out of its indexes, both removals in flight together. */
    void remove(RedisClusterAsyncCommands<byte[], byte[]> commands, JobId id, Optional<String> owner) {
        byte[] member = SharedConnection.bytes(id.value());
        redis.awaitAll(
                commands.zrem(SharedConnection.bytes(keys.ownerIndex(owner)), member).toCompletableFuture(),
                commands.zrem(SharedConnection.bytes(keys.allIndex()), member).toCompletableFuture());
    }

    JobPage list(RedisClusterAsyncCommands<byte[], byte[]> commands, JobFilter filter) {
        byte[] index = SharedConnection.bytes(switch (filter.owner()) {
            case OwnerFilter.Any() -> keys.allIndex();
            case OwnerFilter.Anonymous() -> keys.ownerIndex(Optional.empty());
            case OwnerFilter.Owner(String id) -> keys.ownerIndex(Optional.of(id));
        });
        // scores are whole milliseconds, so "strictly after" is "from the next millisecond"
        Range<Long> scores = Range.from(filter.after()
                .map(after -> Range.Boundary.including(after.toEpochMilli() + 1))
                .orElse(Range.Boundary.unbounded()), Range.Boundary.unbounded());
        Map<String, Optional<JobRef>> read = new HashMap<>();
        // most lists ask for phases most jobs are in, so the first window is LAST itself
        long window = filter.last().isPresent() ? Math.max(SMALLEST_WINDOW, filter.last().getAsInt()) : -1;
        while (true) {
            List<ScoredValue<byte[]>> entries = redis.await((window < 0
                    ? commands.zrevrangebyscoreWithScores(index, scores)
                    : commands.zrevrangebyscoreWithScores(index, scores, Limit.create(0, window)))
                    .toCompletableFuture());
            List<JobRef> confirmed = confirm(commands, filter, entries, read);
            boolean wholeRange = window < 0 || entries.size() < window;
            if (wholeRange || confirmed.size() >= filter.last().getAsInt()) {
                return filter.select(confirmed);
            }
            window *= 4;
        }
    }

    /** The entries whose jobs confirm them, reading the jobs not read yet. */
    private List<JobRef> confirm(RedisClusterAsyncCommands<byte[], byte[]> commands, JobFilter filter,
                                 List<ScoredValue<byte[]>> entries, Map<String, Optional<JobRef>> read) {
        List<String> ids = new ArrayList<>(entries.size());
        List<JobId> unread = new ArrayList<>();
        for (ScoredValue<byte[]> entry : entries) {
            String id = SharedConnection.string(entry.getValue());
            ids.add(id);
            if (!read.containsKey(id)) {
                unread.add(new JobId(id));
            }
        }
        read.putAll(summaries(commands, unread));
        List<JobRef> confirmed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Optional<JobRef> job = read.get(ids.get(i));
            if (job.isPresent() && job.get().creationTime().toEpochMilli() == (long) entries.get(i).getScore()
                    && filter.matches(job.get())) {
                confirmed.add(job.get());
            }
        }
        return confirmed;
    }

    /**
     * The list entries of these jobs as they are now, by id; empty for a job that is gone. One
     * MGET ({@link JobReconciler} reads pages of the index with it too).
     */
    Map<String, Optional<JobRef>> summaries(RedisClusterAsyncCommands<byte[], byte[]> commands,
                                                    List<JobId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        byte[][] refs = new byte[ids.size()][];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = SharedConnection.bytes(keys.ref(ids.get(i)));
        }
        List<KeyValue<byte[], byte[]>> values = redis.await(commands.mget(refs).toCompletableFuture());
        Map<String, Optional<JobRef>> result = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            KeyValue<byte[], byte[]> value = values.get(i);
            result.put(ids.get(i).value(), mapper.fromRef(ids.get(i), value.hasValue() ? value.getValue() : null));
        }
        return result;
    }
}
