package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaExceeded;
import org.tapservice.core.quota.RequestRate;
import org.tapservice.core.uws.ExecutionPhase;

/**
 * The Lua scripts of the quota ledger ({@link RedisQuotaLedger}), written and sent like
 * {@link JobScripts}' and sharing its {@link JobScripts#HOLD} and {@link JobScripts#APPLY}.
 * RUN and the drift check take one job's step keys ({@link JobKeys#jobStep}): the job and its
 * bucket's counters share a slot. The rate script takes one owner's bucket of tokens.
 */
final class QuotaScripts {

    /**
     * KEYS as {@link JobKeys#jobStep}; ARGV[1] the phases RUN moves, each between spaces;
     * ARGV[2] queued-jobs limit, ARGV[3] stored-bytes limit, ARGV[4] executing-jobs limit (each
     * empty for none); ARGV[5..6] the log line ({@link JobLogWriter#args}); ARGV[7..] the change,
     * as {@link JobScripts#APPLY} reads it. Moves the job to QUEUED, counted and logged, and
     * records the executing and stored-bytes limits as its owner's ({@code le:<owner>},
     * {@code lb:<owner>}), unless the owner has as many jobs QUEUED, or as
     * many bytes stored, as the limits allow: {'Q', limit, used} or {'B', limit, used}. Else
     * as {@link JobScripts#TRANSITION}: {'N'}, {'R', phase}, {'A', hash}.
     */
    static final String QUEUE = JobScripts.APPLY + JobLogScripts.LOG + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            if not phase then return {'N'} end
            if not string.find(ARGV[1], ' ' .. phase .. ' ', 1, true) then return {'R', phase} end
            local owner = redis.call('HGET', KEYS[1], 'owner')
            local who = owner and (':' .. owner) or ''
            local queued = redis.call('HGET', KEYS[3], 'q' .. who) or '0'
            if ARGV[2] ~= '' and tonumber(queued) >= tonumber(ARGV[2]) then return {'Q', ARGV[2], queued} end
            local bytes = redis.call('HGET', KEYS[3], 'b' .. who) or '0'
            if ARGV[3] ~= '' and tonumber(bytes) >= tonumber(ARGV[3]) then return {'B', ARGV[3], bytes} end
            for field, limit in pairs({['le' .. who] = ARGV[4], ['lb' .. who] = ARGV[3]}) do
              if limit == '' then redis.call('HDEL', KEYS[3], field) else redis.call('HSET', KEYS[3], field, limit) end
            end
            local hash = apply(KEYS, 'QUEUED', 7)
            log(KEYS[5], KEYS[1], ARGV[5], ARGV[6])
            return hash
            """;

    /**
     * KEYS[1] a job's key (a field of the holdings), KEYS[2] its bucket's usage, KEYS[3] its
     * holdings. Brings the job's holding and its owner's counts in line with the job as it is
     * (a job that is gone holds nothing): 1 if they were out of line, else 0.
     */
    static final String CHECK = JobScripts.HOLD + """
            return hold(KEYS[1], KEYS[2], KEYS[3])
            """;

    /**
     * KEYS[1] a bucket's usage. Sets the bucket's totals ({@code #p}, {@code #q}, {@code #e},
     * {@code #b}, see {@link JobScripts#HOLD}) to the sums of its owners' counts: 1 if one was
     * off, else 0. Every count is kept with its total in the same step, so they part only where
     * counts were written before the totals existed; this puts such totals right. A usage hash
     * that does not exist is not created.
     */
    static final String RETOTAL = """
            local fields = redis.call('HGETALL', KEYS[1])
            local sums = {['#p'] = 0, ['#q'] = 0, ['#e'] = 0, ['#b'] = 0}
            for i = 1, #fields, 2 do
              local kind = string.match(fields[i], '^([pqeb])$') or string.match(fields[i], '^([pqeb]):')
              if kind then sums['#' .. kind] = sums['#' .. kind] + tonumber(fields[i + 1]) end
            end
            local off = 0
            for field, sum in pairs(sums) do
              if tonumber(redis.call('HGET', KEYS[1], field) or '0') ~= sum then
                off = 1
                if sum == 0 then redis.call('HDEL', KEYS[1], field)
                else redis.call('HSET', KEYS[1], field, string.format('%d', sum)) end
              end
            end
            return off
            """;

    /**
     * KEYS the usage hashes of any number of buckets. The sums of their totals: {#p, #q, #e, #b}
     * as decimal text. Touches many slots, so it is for a single Redis (or Sentinel) only; on a
     * cluster each bucket is read apart ({@link RedisQuotaLedger#totals()}).
     */
    static final String SUM_TOTALS = """
            local sums = {0, 0, 0, 0}
            for _, key in ipairs(KEYS) do
              local values = redis.call('HMGET', key, '#p', '#q', '#e', '#b')
              for i = 1, 4 do
                if values[i] then sums[i] = sums[i] + tonumber(values[i]) end
              end
            end
            for i = 1, 4 do sums[i] = string.format('%d', sums[i]) end
            return sums
            """;

    /**
     * KEYS[1] an owner's token bucket; ARGV[1] its capacity (tokens); ARGV[2] millis to refill
     * one token. Takes a token: 0 if there was one, else the millis until there is. Redis's
     * clock, not an instance's, times the refill; an idle bucket expires once full again.
     */
    static final String TAKE = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
            local capacity, refill = tonumber(ARGV[1]), tonumber(ARGV[2])
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = math.min(capacity, tonumber(bucket[1] or ARGV[1]) + (now - tonumber(bucket[2] or now)) / refill)
            if tokens < 1 then return math.ceil((1 - tokens) * refill) end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens - 1), 'at', string.format('%.3f', now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * refill))
            return 0
            """;

    private static final JobScripts.Script QUEUE_SCRIPT = new JobScripts.Script(QUEUE, ScriptOutputType.MULTI);
    private static final JobScripts.Script CHECK_SCRIPT = new JobScripts.Script(CHECK, ScriptOutputType.INTEGER);
    private static final JobScripts.Script RETOTAL_SCRIPT = new JobScripts.Script(RETOTAL, ScriptOutputType.INTEGER);
    private static final JobScripts.Script SUM_TOTALS_SCRIPT = new JobScripts.Script(SUM_TOTALS,
            ScriptOutputType.MULTI);
    private static final JobScripts.Script TAKE_SCRIPT = new JobScripts.Script(TAKE, ScriptOutputType.INTEGER);

    /** What a RUN under a quota answered. */
    sealed interface Queued {
        /** The script's answer as a transition's: changed, wrong phase, missing. */
        record Moved(JobScripts.Reply reply) implements Queued {
        }

        /** A limit refused it. */
        record Refused(QuotaExceeded exceeded) implements Queued {
        }
    }

    private final SharedConnection redis;

    QuotaScripts(SharedConnection redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    Queued queue(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep,
                 Set<ExecutionPhase> runnable, Quota quota, JobHashMapper.HashWrites change,
                 List<String> logLine) {
        List<String> args = new ArrayList<>();
        args.add(JobScripts.phaseList(runnable));
        args.add(limit(quota.queuedJobs()));
        args.add(quota.storedBytes().isPresent() ? Long.toString(quota.storedBytes().getAsLong()) : "");
        args.add(limit(quota.executingJobs()));
        args.addAll(logLine);
        JobScripts.addChange(args, Optional.empty(), change);
        List<Object> answer = redis.await(JobScripts.run(commands, QUEUE_SCRIPT, jobStep, args));
        List<String> head = JobScripts.strings(answer.subList(0, Math.min(answer.size(), 3)));
        if (head.size() == 3 && (head.getFirst().equals("Q") || head.getFirst().equals("B"))) {
            QuotaExceeded.Kind kind = head.getFirst().equals("Q") ? QuotaExceeded.Kind.QUEUED_JOBS
                    : QuotaExceeded.Kind.STORED_BYTES;
            return new Queued.Refused(new QuotaExceeded(kind, Long.parseLong(head.get(1)),
                    Long.parseLong(head.get(2))));
        }
        return new Queued.Moved(JobScripts.reply(answer));
    }

    boolean check(RedisClusterAsyncCommands<byte[], byte[]> commands, String jobKey, String usageKey,
                  String holdingsKey) {
        Long corrected = redis.await(JobScripts.run(commands, CHECK_SCRIPT, List.of(jobKey, usageKey, holdingsKey),
                List.of()));
        return corrected != null && corrected == 1;
    }

    boolean retotal(RedisClusterAsyncCommands<byte[], byte[]> commands, String usageKey) {
        Long off = redis.await(JobScripts.run(commands, RETOTAL_SCRIPT, List.of(usageKey), List.of()));
        return off != null && off == 1;
    }

    /**
     * Sends the script summing these buckets' totals and returns at once: the answer is pending,
     * queued, executing, result bytes.
     */
    CompletableFuture<long[]> sumTotals(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> usageKeys) {
        return JobScripts.<List<Object>>run(commands, SUM_TOTALS_SCRIPT, usageKeys, List.of())
                .thenApply(sums -> JobScripts.strings(sums).stream().mapToLong(Long::parseLong).toArray());
    }

    /** Millis until the owner may send a request; 0 if it may now (and a token was taken). */
    long take(RedisClusterAsyncCommands<byte[], byte[]> commands, String bucketKey, RequestRate rate) {
        double refill = (double) rate.per().toMillis() / rate.requests();
        Long wait = redis.await(JobScripts.run(commands, TAKE_SCRIPT, List.of(bucketKey),
                List.of(Integer.toString(rate.requests()), String.format(Locale.ROOT, "%.6f", refill))));
        return wait == null ? 0 : wait;
    }

    private static String limit(OptionalInt limit) {
        return limit.isPresent() ? Integer.toString(limit.getAsInt()) : "";
    }
}
