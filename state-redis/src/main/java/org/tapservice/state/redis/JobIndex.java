package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
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
 * <p>An index only proposes candidates; the jobs' hashes decide. A list reads the index range
 * (AFTER becomes the lower score bound), then each candidate's phase, run id, owner and
 * creation time, and keeps an entry only if its job exists, has the owner the index is for
 * and the creation time it is scored with, and passes the filter. An entry left behind by a
 * failed create, or by a delete that died between its two steps, is thus never shown. Because
 * ids are added before the job is created and removed after it is deleted, a live job is
 * always in its indexes, so nothing is ever missing.
 *
 * <p>LAST reads a window of the newest entries and widens it (×4) until it holds LAST matching
 * jobs or the whole range; each window is one ZREVRANGEBYSCORE (an atomic snapshot of the
 * index), and Redis orders equal scores by descending member, which is
 * {@link JobRef#NEWEST_FIRST}'s tie-break. The hashes are read with HMGET on Lettuce's shared
 * asynchronous connection, all sent before any answer is awaited: a pipeline without a
 * dedicated connection, and on a cluster connection each command goes to its own slot's node.
 */
final class JobIndex {

    private static final int SMALLEST_WINDOW = 16;
    /** A bound on waiting for a list's reads; Lettuce's own command timeout normally fires first. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[][] SUMMARY_FIELDS = JobHashMapper.SUMMARY_FIELDS.stream()
            .map(field -> field.getBytes(UTF_8)).toArray(byte[][]::new);

    private final StringRedisTemplate redis;
    private final JobKeys keys;
    private final JobScripts scripts;
    private final JobHashMapper mapper;

    JobIndex(StringRedisTemplate redis, JobKeys keys, JobScripts scripts, JobHashMapper mapper) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /**
     * Puts the job in its owner's index and the index of all jobs, each kept alive at least
     * until {@code expireAt}. Idempotent: run again when the job's expiry moves later.
     */
    void add(Job job, Instant expireAt) {
        scripts.index(keys.ownerIndex(job.owner()), job.id(), job.creationTime(), expireAt);
        scripts.index(keys.allIndex(), job.id(), job.creationTime(), expireAt);
    }

    /** Takes a deleted job out of its indexes. */
    void remove(JobId id, Optional<String> owner) {
        redis.opsForZSet().remove(keys.ownerIndex(owner), id.value());
        redis.opsForZSet().remove(keys.allIndex(), id.value());
    }

    JobPage list(JobFilter filter) {
        String index = switch (filter.owner()) {
            case OwnerFilter.Any() -> keys.allIndex();
            case OwnerFilter.Anonymous() -> keys.ownerIndex(Optional.empty());
            case OwnerFilter.Owner(String id) -> keys.ownerIndex(Optional.of(id));
        };
        // scores are whole milliseconds, so "strictly after" is "from the next millisecond"
        double min = filter.after().map(after -> (double) (after.toEpochMilli() + 1)).orElse(Double.NEGATIVE_INFINITY);
        Map<JobId, Optional<JobRef>> read = new HashMap<>();
        // most lists ask for phases most jobs are in, so the first window is LAST itself
        long window = filter.last().isPresent() ? Math.max(SMALLEST_WINDOW, filter.last().getAsInt()) : -1;
        while (true) {
            Set<TypedTuple<String>> entries = window < 0
                    ? redis.opsForZSet().reverseRangeByScoreWithScores(index, min, Double.POSITIVE_INFINITY)
                    : redis.opsForZSet().reverseRangeByScoreWithScores(index, min, Double.POSITIVE_INFINITY, 0,
                    window);
            List<JobRef> confirmed = confirm(filter, entries == null ? Set.of() : entries, read);
            boolean wholeRange = window < 0 || entries == null || entries.size() < window;
            if (wholeRange || confirmed.size() >= filter.last().getAsInt()) {
                return filter.select(confirmed);
            }
            window *= 4;
        }
    }

    /** The entries whose jobs confirm them, reading the jobs not read yet. */
    private List<JobRef> confirm(JobFilter filter, Set<TypedTuple<String>> entries, Map<JobId, Optional<JobRef>> read) {
        List<JobId> unread = new ArrayList<>();
        for (TypedTuple<String> entry : entries) {
            JobId id = new JobId(entry.getValue());
            if (!read.containsKey(id)) {
                unread.add(id);
            }
        }
        read.putAll(summaries(unread));
        List<JobRef> confirmed = new ArrayList<>(entries.size());
        for (TypedTuple<String> entry : entries) {
            Optional<JobRef> job = read.get(new JobId(entry.getValue()));
            if (job.isPresent() && entry.getScore() != null
                    && job.get().creationTime().toEpochMilli() == entry.getScore().longValue()
                    && filter.matches(job.get())) {
                confirmed.add(job.get());
            }
        }
        return confirmed;
    }

    /** The list entries of these jobs as their hashes say now; empty for a job that is gone. */
    private Map<JobId, Optional<JobRef>> summaries(List<JobId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<JobId, Optional<JobRef>> summaries = redis.execute((RedisCallback<Map<JobId, Optional<JobRef>>>) connection -> {
            @SuppressWarnings("unchecked")
            RedisClusterAsyncCommands<byte[], byte[]> commands =
                    (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            List<RedisFuture<List<KeyValue<byte[], byte[]>>>> futures = new ArrayList<>(ids.size());
            for (JobId id : ids) {
                futures.add(commands.hmget(keys.job(id).getBytes(UTF_8), SUMMARY_FIELDS));
            }
            if (!LettuceFutures.awaitAll(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS,
                    futures.toArray(RedisFuture[]::new))) {
                throw new IllegalStateException("reading " + ids.size() + " jobs for a list took over " + READ_TIMEOUT);
            }
            Map<JobId, Optional<JobRef>> result = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                result.put(ids.get(i), mapper.toRef(ids.get(i), values(futures.get(i))));
            }
            return result;
        });
        return requireNonNull(summaries, "no answer to a list's reads");
    }

    private static List<String> values(RedisFuture<List<KeyValue<byte[], byte[]>>> future) {
        List<KeyValue<byte[], byte[]>> pairs;
        try {
            pairs = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a job list", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a job for a list failed", e.getCause());
        }
        List<String> values = new ArrayList<>(pairs.size());
        for (KeyValue<byte[], byte[]> pair : pairs) {
            values.add(pair.hasValue() ? new String(pair.getValue(), UTF_8) : null);
        }
        return values;
    }
}
