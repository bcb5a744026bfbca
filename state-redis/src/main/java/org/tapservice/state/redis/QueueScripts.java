package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobId;

/**
 * The Lua scripts of the job queue and its leases ({@link RedisJobQueue}), written and sent
 * like {@link JobScripts}' (whose EVALSHA-with-EVAL sending and whose phase-moving function
 * {@link JobScripts#APPLY} they share): one short script per step, answering a value and never
 * raising. The queue's scripts take the queue key alone; claim, renew and finish take the job's
 * hash and its lease (claim and finish its list entry, its log and its bucket's quota counters too),
 * keys with the job's bucket as hash tag, hence one slot.
 *
 * <p>Queue scores are read from Redis's clock (TIME) inside the scripts, never from an
 * instance's, so that clock skew between instances cannot make a job claimable early or late.
 * They are milliseconds with microsecond fractions, so that jobs offered within one
 * millisecond keep their order.
 */
final class QueueScripts {

    /**
     * Lua: {@code now}, Redis's clock in milliseconds, and {@code score(millis)}, which writes a
     * time for ZADD in full: Lua would round a number handed to redis.call to 14 digits, which
     * loses the fractions.
     */
    private static final String CLOCK = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
            local function score(millis) return string.format('%.3f', millis) end
            """;

    /** KEYS[1] queue; ARGV[1] job id. Queues the job claimable from now, unless it is queued already (NX). */
    static final String OFFER = CLOCK + """
            return redis.call('ZADD', KEYS[1], 'NX', score(now), ARGV[1])
            """;

    /**
     * KEYS[1] queue; ARGV[1] lease millis. The first job claimable now, or nil. Its entry is
     * pushed a lease time ahead, so that no other claim picks it while this one takes it, and a
     * claimer that dies before taking it only delays the job.
     */
    static final String RESERVE = CLOCK + """
            local due = redis.call('ZRANGE', KEYS[1], '-inf', score(now), 'BYSCORE', 'LIMIT', 0, 1)
            if #due == 0 then return false end
            redis.call('ZADD', KEYS[1], 'XX', score(now + tonumber(ARGV[1])), due[1])
            return due[1]
            """;

    /**
     * KEYS[1] queue; ARGV[1] job id; ARGV[2] millis. Makes a queued job claimable that long from
     * now; a job taken off the queue meanwhile stays off (XX).
     */
    static final String DEFER = CLOCK + """
            return redis.call('ZADD', KEYS[1], 'XX', score(now + tonumber(ARGV[2])), ARGV[1])
            """;

    /**
     * KEYS[1..5] the job's step ({@link JobKeys#jobStep}), KEYS[6] its lease; ARGV[1] token;
     * ARGV[2] lease millis; ARGV[3] the most claims a job may have; ARGV[4] the log line of a
     * claim and ARGV[5] of a takeover, each with {@code %d} for the attempt, ARGV[6] the line of
     * a give-up, ARGV[7] the log's bound ({@link JobLogWriter#args}); ARGV[8] where the give-up
     * change starts; ARGV[9..] the start, then the give-up, each as {@link JobScripts#APPLY}
     * reads a change. A QUEUED job, or an EXECUTING one whose lease lapsed (its worker died),
     * is leased to the token and moved to (or kept in) EXECUTING with the start, its claims
     * counted in {@code attempts} and the claim logged with that count: {'A', hash}, or
     * {'T', hash} when it was a takeover (the job was EXECUTING). A job
     * claimed ARGV[3] times already (each of its workers died) is not started again but moved
     * to ERROR with the give-up, which is logged: {'G', hash}. A QUEUED job whose owner has as
     * many jobs EXECUTING as the limit its last RUN recorded stays QUEUED: {'Q'}. Otherwise
     * {'H', millis left} while another lease holds it, {'R', phase} in any other phase, {'N'}
     * when there is no job. A QUEUED job's lease left from an earlier run (EXECUTING, HELD,
     * QUEUED again) is overwritten: that worker's renew fails.
     */
    static final String CLAIM = JobScripts.APPLY + JobLogScripts.LOG + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            if not phase then return {'N'} end
            if phase == 'EXECUTING' then
              local left = redis.call('PTTL', KEYS[6])
              if left ~= -2 then return {'H', tostring(left)} end
            elseif phase ~= 'QUEUED' then
              return {'R', phase}
            end
            if tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0') >= tonumber(ARGV[3]) then
              local hash = apply(KEYS, 'ERROR', tonumber(ARGV[8]))
              log(KEYS[5], KEYS[1], ARGV[6], ARGV[7])
              hash[1] = 'G'
              return hash
            end
            if phase == 'QUEUED' then
              local owner = redis.call('HGET', KEYS[1], 'owner')
              local who = owner and (':' .. owner) or ''
              local limit = redis.call('HGET', KEYS[3], 'le' .. who)
              if limit and tonumber(redis.call('HGET', KEYS[3], 'e' .. who) or '0') >= tonumber(limit) then return {'Q'} end
            end
            local attempt = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            redis.call('SET', KEYS[6], ARGV[1], 'PX', ARGV[2])
            local hash = apply(KEYS, 'EXECUTING', 9, tonumber(ARGV[8]) - 1)
            local line = phase == 'EXECUTING' and ARGV[5] or ARGV[4]
            log(KEYS[5], KEYS[1], line == '' and '' or string.format(line, attempt), ARGV[7])
            if phase == 'EXECUTING' then hash[1] = 'T' end
            return hash
            """;

    /**
     * KEYS[1] lease, KEYS[2] job hash; ARGV[1] token; ARGV[2] lease millis. Extends the lease
     * only while it is this token's and the job is EXECUTING: 1, else 0.
     */
    static final String RENEW = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if redis.call('HGET', KEYS[2], 'phase') ~= 'EXECUTING' then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /**
     * KEYS[1..5] the job's step ({@link JobKeys#jobStep}), KEYS[6] its lease; ARGV[1] token;
     * ARGV[2] target phase; ARGV[3..4] the log line ({@link JobLogWriter#args}); ARGV[5..] the
     * change, as {@link JobScripts#APPLY} reads it. Only while the job is EXECUTING under this
     * token: ends the lease, moves the job (its owner's counts with it) and logs it, {'A',
     * hash}. Otherwise {'R', phase}, or {'N'} when there is no job.
     */
    static final String FINISH = JobScripts.APPLY + JobLogScripts.LOG + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            if not phase then return {'N'} end
            if phase ~= 'EXECUTING' or redis.call('GET', KEYS[6]) ~= ARGV[1] then return {'R', phase} end
            redis.call('DEL', KEYS[6])
            local hash = apply(KEYS, ARGV[2], 5)
            log(KEYS[5], KEYS[1], ARGV[3], ARGV[4])
            return hash
            """;

    /**
     * KEYS[1] lease, KEYS[2] job hash; ARGV[1] token. Ends the lease if it is still this
     * token's and gives the claim back, so that an orderly shutdown never counts against the
     * job's attempts: 1, else 0. The job stays EXECUTING, which a claim takes over once no
     * lease holds it.
     */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if redis.call('HINCRBY', KEYS[2], 'attempts', -1) < 0 then redis.call('HSET', KEYS[2], 'attempts', 0) end
            return redis.call('DEL', KEYS[1])
            """;

    private static final JobScripts.Script OFFER_SCRIPT = new JobScripts.Script(OFFER, ScriptOutputType.INTEGER);
    private static final JobScripts.Script RESERVE_SCRIPT = new JobScripts.Script(RESERVE, ScriptOutputType.VALUE);
    private static final JobScripts.Script DEFER_SCRIPT = new JobScripts.Script(DEFER, ScriptOutputType.INTEGER);
    private static final JobScripts.Script CLAIM_SCRIPT = new JobScripts.Script(CLAIM, ScriptOutputType.MULTI);
    private static final JobScripts.Script RENEW_SCRIPT = new JobScripts.Script(RENEW, ScriptOutputType.INTEGER);
    private static final JobScripts.Script FINISH_SCRIPT = new JobScripts.Script(FINISH, ScriptOutputType.MULTI);
    private static final JobScripts.Script RELEASE_SCRIPT = new JobScripts.Script(RELEASE, ScriptOutputType.INTEGER);

    /** What a claim script answered. */
    sealed interface Claim {
        /**
         * The job is leased to the caller; its whole hash afterwards, and whether it was
         * EXECUTING already, left by a run whose lease lapsed or was handed back.
         */
        record Granted(Map<String, String> hash, boolean tookOver) implements Claim {
        }

        /** Another worker's lease holds the job for this long yet. */
        record Held(Duration left) implements Claim {
        }

        /** There is no such job, or it is in a phase no claim takes; its entry is stale. */
        record Gone() implements Claim {
        }

        /** The job's owner has as many jobs EXECUTING as its quota allows; the job stays QUEUED. */
        record OverQuota() implements Claim {
        }

        /** The job had had as many claims as allowed and is now in ERROR; its whole hash afterwards. */
        record GaveUp(Map<String, String> hash) implements Claim {
        }
    }

    /**
     * The log lines a claim may write, each as {@link JobLogWriter#args} gives it: which one is
     * written, and the attempt it names, only the claim's atomic step knows.
     *
     * @param claimed   a QUEUED job started, with {@code %d} for the attempt
     * @param takenOver an EXECUTING job without a lease started again, with {@code %d}
     * @param givenUp   a job moved to ERROR after its last attempt
     */
    record ClaimLines(List<String> claimed, List<String> takenOver, List<String> givenUp) {
    }

    private final SharedConnection redis;

    QueueScripts(SharedConnection redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    void offer(RedisClusterAsyncCommands<byte[], byte[]> commands, String queueKey, JobId id) {
        redis.await(JobScripts.run(commands, OFFER_SCRIPT, List.of(queueKey), List.of(id.value())));
    }

    Optional<JobId> reserve(RedisClusterAsyncCommands<byte[], byte[]> commands, String queueKey,
                            Duration leaseTime) {
        byte[] id = redis.await(JobScripts.run(commands, RESERVE_SCRIPT, List.of(queueKey),
                List.of(millis(leaseTime))));
        return Optional.ofNullable(SharedConnection.string(id)).map(JobId::new);
    }

    void defer(RedisClusterAsyncCommands<byte[], byte[]> commands, String queueKey, JobId id, Duration delay) {
        redis.await(JobScripts.run(commands, DEFER_SCRIPT, List.of(queueKey), List.of(id.value(), millis(delay))));
    }

    Claim claim(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep, String leaseKey,
                String token, Duration leaseTime, int maxAttempts, JobHashMapper.HashWrites start,
                JobHashMapper.HashWrites giveUp, ClaimLines lines) {
        List<String> args = new ArrayList<>();
        args.add(token);
        args.add(millis(leaseTime));
        args.add(Integer.toString(maxAttempts));
        args.add(lines.claimed().getFirst());
        args.add(lines.takenOver().getFirst());
        args.addAll(lines.givenUp());
        args.add("");
        JobScripts.addChange(args, Optional.empty(), start);
        // Lua counts ARGV from 1
        args.set(7, Integer.toString(args.size() + 1));
        JobScripts.addChange(args, Optional.empty(), giveUp);
        List<Object> answer = redis.await(JobScripts.run(commands, CLAIM_SCRIPT, withLease(jobStep, leaseKey),
                args));
        // only the head is decoded here: every other answer is one a transition gives too
        List<String> head = JobScripts.strings(answer.subList(0, Math.min(answer.size(), 2)));
        if (head.size() == 2 && head.getFirst().equals("H")) {
            return new Claim.Held(Duration.ofMillis(Long.parseLong(head.get(1))));
        }
        if (head.size() == 1 && head.getFirst().equals("Q")) {
            return new Claim.OverQuota();
        }
        if (!head.isEmpty() && (head.getFirst().equals("G") || head.getFirst().equals("T"))) {
            List<Object> changed = new ArrayList<>(answer);
            changed.set(0, SharedConnection.bytes("A"));
            if (JobScripts.reply(changed) instanceof JobScripts.Reply.Changed(Map<String, String> hash)) {
                return head.getFirst().equals("G") ? new Claim.GaveUp(hash) : new Claim.Granted(hash, true);
            }
        }
        return switch (JobScripts.reply(answer)) {
            case JobScripts.Reply.Changed(Map<String, String> hash) -> new Claim.Granted(hash, false);
            case JobScripts.Reply.WrongPhase _, JobScripts.Reply.Missing _ -> new Claim.Gone();
            case JobScripts.Reply.Stale _ -> throw new IllegalStateException("a claim script answered 'C'");
        };
    }

    boolean renew(RedisClusterAsyncCommands<byte[], byte[]> commands, String leaseKey, String jobKey, String token,
                  Duration leaseTime) {
        Long renewed = redis.await(JobScripts.run(commands, RENEW_SCRIPT, List.of(leaseKey, jobKey),
                List.of(token, millis(leaseTime))));
        return renewed != null && renewed == 1;
    }

    JobScripts.Reply finish(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep, String leaseKey,
                            String token, ExecutionPhase target, JobHashMapper.HashWrites change,
                            List<String> logLine) {
        List<String> args = new ArrayList<>();
        args.add(token);
        args.add(target.value());
        args.addAll(logLine);
        JobScripts.addChange(args, Optional.empty(), change);
        return JobScripts.reply(redis.await(JobScripts.run(commands, FINISH_SCRIPT, withLease(jobStep, leaseKey),
                args)));
    }

    boolean release(RedisClusterAsyncCommands<byte[], byte[]> commands, String leaseKey, String jobKey, String token) {
        Long released = redis.await(JobScripts.run(commands, RELEASE_SCRIPT, List.of(leaseKey, jobKey),
                List.of(token)));
        return released != null && released == 1;
    }

    private static List<String> withLease(List<String> jobStep, String leaseKey) {
        List<String> keys = new ArrayList<>(jobStep);
        keys.add(leaseKey);
        return keys;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
