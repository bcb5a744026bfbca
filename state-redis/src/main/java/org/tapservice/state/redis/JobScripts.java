package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobId;

/**
 * The Lua scripts of the job store: one short script per atomic step, each a text constant
 * with its SHA1 computed once (sent as EVALSHA, as EVAL only when Redis lacks it), run on
 * Lettuce's shared connection ({@link SharedConnection}). A script reads its keys from KEYS
 * only (one job's keys, all tagged with its id's bucket, or one index, so it runs on one slot
 * of a cluster) and everything else from ARGV; it answers with a value and never raises, and
 * Java decides what the answer means. Every key a script writes gets an absolute expiry
 * (PEXPIREAT, or the job hash's own for its list entry and its log) in the same script, so no
 * key is ever left without one.
 *
 * <p>Requires Redis 7 (PEXPIRETIME, SET with PXAT, and HSET with several pairs).
 */
final class JobScripts {

    /**
     * The Lua function every script that writes a job's hash calls last:
     * {@code ref(key, refKey)} rewrites the job's list entry ({@link JobKeys#ref}) from the hash
     * as it now is, expiring with it, so that the entry never differs from the hash. The entry
     * holds the hash's {@link JobHashMapper#SUMMARY_FIELDS} in that order, each as
     * {@code <length in bytes>:<value>}, or {@code -} where the hash lacks the field
     * ({@link JobHashMapper#fromRef} reads it).
     */
    static final String REF = """
            local function ref(key, refKey)
              local fields = redis.call('HMGET', key, 'phase', 'runId', 'owner', 'creationTime')
              for i = 1, 4 do fields[i] = fields[i] and (#fields[i] .. ':' .. fields[i]) or '-' end
              redis.call('SET', refKey, table.concat(fields), 'PXAT', redis.call('PEXPIRETIME', key))
            end
            """;

    /**
     * The Lua function every script that writes a job's phase or results, or deletes it, calls
     * after the write: {@code hold(key, usageKey, holdingsKey)} brings the owner's counts in
     * line with the job. What a job holds against its owner's quota follows from its hash alone
     * (QUEUED or EXECUTING: one job of that kind; its results' bytes); PENDING jobs are counted
     * the same way, for no limit but for operators' counts of jobs by phase. The holdings hash records,
     * by the job's key, what the job is counted for now ({@code <p|q|e|-> <bytes> <owner field>}),
     * and the usage hash has the sums per owner ({@code q:<owner>}, {@code e:<owner>},
     * {@code b:<owner>}, {@code p:<owner>}; {@code q}, {@code e}, {@code b}, {@code p} for
     * anonymous jobs) and over the bucket's owners ({@code #p}, {@code #q}, {@code #e},
     * {@code #b}: what {@link RedisQuotaLedger#totals()} adds up over the buckets). The function
     * takes back the recorded holding, adds the present one and records it: a step run twice
     * counts once, a job that is gone counts nothing, and a count that reaches 0 is removed.
     * Both hashes live at least as long as any job they count, like the job lists: every call
     * for a job that holds something extends them to the job's expiry. Answers 1 if the counts
     * changed, else 0.
     */
    static final String HOLD = """
            local function count(usageKey, holding, sign)
              if holding == '' then return end
              local kind, bytes, who = string.match(holding, '^(%S) (%d+) (.*)$')
              local function add(field, amount)
                if redis.call('HINCRBY', usageKey, field, amount) == 0 then redis.call('HDEL', usageKey, field) end
              end
              if kind ~= '-' then
                add(kind .. who, sign)
                add('#' .. kind, sign)
              end
              if bytes ~= '0' then
                local amount = string.format('%d', sign * tonumber(bytes))
                add('b' .. who, amount)
                add('#b', amount)
              end
            end
            local function hold(key, usageKey, holdingsKey)
              local job = redis.call('HMGET', key, 'phase', 'owner', 'resultBytes')
              local now = ''
              if job[1] then
                local kind = (job[1] == 'QUEUED' and 'q') or (job[1] == 'EXECUTING' and 'e')
                  or (job[1] == 'PENDING' and 'p') or '-'
                local bytes = job[3] or '0'
                if kind ~= '-' or bytes ~= '0' then now = kind .. ' ' .. bytes .. ' ' .. (job[2] and (':' .. job[2]) or '') end
              end
              local before = redis.call('HGET', holdingsKey, key) or ''
              if before ~= now then
                count(usageKey, before, -1)
                count(usageKey, now, 1)
                if now == '' then redis.call('HDEL', holdingsKey, key) else redis.call('HSET', holdingsKey, key, now) end
              end
              if now ~= '' then
                local expiry = redis.call('PEXPIRETIME', key)
                for _, counted in ipairs({usageKey, holdingsKey}) do
                  if redis.call('PEXPIRETIME', counted) < expiry then redis.call('PEXPIREAT', counted, expiry) end
                end
              end
              return before ~= now and 1 or 0
            end
            """;

    /**
     * KEYS as {@link JobKeys#jobStep} (the job's hash, its list entry, its bucket's usage and
     * holdings, its log); ARGV[1] expire-at millis; ARGV[2..3] the log line
     * ({@link JobLogWriter#args}); ARGV[4] a list of phases ({@link #phaseList}); ARGV[5..]
     * field, value, ... Creates the hash, its entry and the log's first line if there is no
     * hash, or writes them over a hash whose phase is in the list (a restore from the archive
     * over an older copy: phases the archived job has left for good), its log started anew and
     * its revision counted on so that no compare-and-set read before meets it as unchanged; and
     * counts what the job holds (a job restored QUEUED, EXECUTING or with results): 1 if
     * written, 0 if not (the id taken, by a job not in a listed phase).
     */
    static final String CREATE = REF + HOLD + JobLogScripts.LOG + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            local revision = '0'
            if phase then
              if not string.find(ARGV[4], ' ' .. phase .. ' ', 1, true) then return 0 end
              revision = tostring(tonumber(redis.call('HGET', KEYS[1], 'revision') or '0') + 1)
              redis.call('DEL', KEYS[1], KEYS[5])
            elseif redis.call('EXISTS', KEYS[1]) == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], 'revision', revision, unpack(ARGV, 5))
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            ref(KEYS[1], KEYS[2])
            hold(KEYS[1], KEYS[3], KEYS[4])
            log(KEYS[5], KEYS[1], ARGV[2], ARGV[3])
            return 1
            """;

    /**
     * The Lua function every script that moves a job's phase ends with (a transition here, a
     * claim and a finish in {@link QueueScripts}, a RUN in {@link QuotaScripts}), so that they
     * all write a change the same way: {@code apply(keys, target, at, last)}, given the step's keys
     * ({@link JobKeys#jobStep}), reads the change from ARGV[at] on ({@link #addChange}:
     * expire-at millis or empty; n, the number of fields to remove; those n fields; the rest
     * field, value, ... up to ARGV[last], or the end when no last is given), sets the phase to
     * {@code target}, bumps the revision, rewrites the
     * list entry ({@link #REF}), recounts what the job holds ({@link #HOLD}) and answers {'A',
     * the whole hash after the change}.
     */
    static final String APPLY = REF + HOLD + """
            local function apply(keys, target, at, last)
              local key = keys[1]
              local n = tonumber(ARGV[at + 1])
              if n > 0 then redis.call('HDEL', key, unpack(ARGV, at + 2, at + 1 + n)) end
              redis.call('HSET', key, 'phase', target, unpack(ARGV, at + 2 + n, last or #ARGV))
              redis.call('HINCRBY', key, 'revision', 1)
              if ARGV[at] ~= '' then redis.call('PEXPIREAT', key, ARGV[at]) end
              ref(key, keys[2])
              hold(key, keys[3], keys[4])
              local hash = redis.call('HGETALL', key)
              table.insert(hash, 1, 'A')
              return hash
            end
            """;

    /**
     * KEYS as {@link JobKeys#jobStep}; ARGV[1] expected phases, each between spaces; ARGV[2] target phase;
     * ARGV[3] the revision the change was computed from, or empty; ARGV[4..5] the log line
     * ({@link JobLogWriter#args}); ARGV[6..] the change as
     * {@link #APPLY} reads it (expire-at millis or empty, n, n fields to remove, field, value,
     * ...). Answers {'N'} no job, {'R', phase} not in an expected phase, {'C', phase} revision
     * changed, or {'A', the whole hash after the change}. A missing hash is never written, so a
     * deleted job is never brought back.
     */
    static final String TRANSITION = APPLY + JobLogScripts.LOG + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            if not phase then return {'N'} end
            if not string.find(ARGV[1], ' ' .. phase .. ' ', 1, true) then return {'R', phase} end
            if ARGV[3] ~= '' and redis.call('HGET', KEYS[1], 'revision') ~= ARGV[3] then return {'C', phase} end
            local answer = apply(KEYS, ARGV[2], 6)
            log(KEYS[5], KEYS[1], ARGV[4], ARGV[5])
            return answer
            """;

    /**
     * As {@link #TRANSITION} without a target or a log line (same keys): ARGV[1] the phases that
     * allow the change; ARGV[2] revision or empty; ARGV[3] expire-at or empty (the log, if any,
     * expires with the job); ARGV[4] n; ARGV[5..4+n] fields to remove; the rest field, value, ...
     * Same answers. A later destruction keeps the job's quota counters alive as long as the job
     * ({@link #HOLD}).
     */
    static final String UPDATE = REF + HOLD + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            if not phase then return {'N'} end
            if not string.find(ARGV[1], ' ' .. phase .. ' ', 1, true) then return {'R', phase} end
            if ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 'revision') ~= ARGV[2] then return {'C', phase} end
            local n = tonumber(ARGV[4])
            if n > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 5, 4 + n)) end
            if #ARGV > 4 + n then redis.call('HSET', KEYS[1], unpack(ARGV, 5 + n)) end
            redis.call('HINCRBY', KEYS[1], 'revision', 1)
            if ARGV[3] ~= '' then
              redis.call('PEXPIREAT', KEYS[1], ARGV[3])
              redis.call('PEXPIREAT', KEYS[5], ARGV[3])
            end
            ref(KEYS[1], KEYS[2])
            hold(KEYS[1], KEYS[3], KEYS[4])
            local hash = redis.call('HGETALL', KEYS[1])
            table.insert(hash, 1, 'A')
            return hash
            """;

    /**
     * KEYS as {@link JobKeys#jobStep}. Deletes the hash, its entry and its log, and takes back
     * what the job held against its owner's quota (also when the hash had expired): {} if there
     * was no hash, else {'D', owner} (owner nil for an anonymous job), so that the caller knows
     * which owner index to clean.
     */
    static final String DELETE = HOLD + """
            local owner = redis.call('HGET', KEYS[1], 'owner')
            redis.call('DEL', KEYS[2], KEYS[5])
            local deleted = redis.call('DEL', KEYS[1])
            hold(KEYS[1], KEYS[3], KEYS[4])
            if deleted == 0 then return {} end
            return {'D', owner}
            """;

    /**
     * KEYS[1] index; ARGV[1] job id; ARGV[2] creation millis; ARGV[3] expire-at millis. Adds
     * the id if absent (NX: a failed duplicate create never moves the real entry) and makes the
     * index live at least until ARGV[3], never shorter than any job it lists.
     */
    static final String INDEX = """
            redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
            if redis.call('PEXPIRETIME', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
            return 1
            """;

    private static final Script CREATE_SCRIPT = new Script(CREATE, ScriptOutputType.INTEGER);
    private static final Script TRANSITION_SCRIPT = new Script(TRANSITION, ScriptOutputType.MULTI);
    private static final Script UPDATE_SCRIPT = new Script(UPDATE, ScriptOutputType.MULTI);
    private static final Script DELETE_SCRIPT = new Script(DELETE, ScriptOutputType.MULTI);
    private static final Script INDEX_SCRIPT = new Script(INDEX, ScriptOutputType.INTEGER);

    /**
     * A script's text and its SHA1, computed once: it is sent as EVALSHA, and only when Redis
     * answers NOSCRIPT (first use, a restart, SCRIPT FLUSH, a failover) as EVAL, which loads it.
     */
    record Script(byte[] text, String sha, ScriptOutputType output) {
        Script(String text, ScriptOutputType output) {
            this(SharedConnection.bytes(text), sha1(text), output);
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(SharedConnection.bytes(text)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-1", e);
            }
        }
    }

    /** What a transition or update script answered. */
    sealed interface Reply {
        /** The change was made; the job's whole hash afterwards. */
        record Changed(Map<String, String> hash) implements Reply {
        }

        /** The job is in a phase that does not allow the change; nothing changed. */
        record WrongPhase(ExecutionPhase current) implements Reply {
        }

        /** The job was written since it was read for this change; nothing changed. */
        record Stale() implements Reply {
        }

        /** There is no such job. */
        record Missing() implements Reply {
        }
    }

    /** Whether a delete found the job, and the owner it had, to clean the owner's index. */
    record Deletion(boolean deleted, Optional<String> owner) {
    }

    private final SharedConnection redis;

    JobScripts(SharedConnection redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    /**
     * Sends the create script and returns at once: the answer is whether the job was written
     * (false if its id was taken by a job in a phase not among {@code olderPhases}; with none,
     * by any job).
     */
    CompletableFuture<Boolean> create(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep,
                                      Instant expireAt, Set<ExecutionPhase> olderPhases, Map<String, String> hash,
                                      List<String> logLine) {
        List<String> args = new ArrayList<>(4 + hash.size() * 2);
        args.add(millis(expireAt));
        args.addAll(logLine);
        args.add(phaseList(olderPhases));
        hash.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return JobScripts.<Long>run(commands, CREATE_SCRIPT, jobStep, args)
                .thenApply(written -> written != null && written == 1);
    }

    Reply transition(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep,
                     Set<ExecutionPhase> expected, ExecutionPhase target, Optional<String> revision,
                     Optional<Instant> expireAt, JobHashMapper.HashWrites writes, List<String> logLine) {
        List<String> args = new ArrayList<>();
        args.add(phaseList(expected));
        args.add(target.value());
        args.add(revision.orElse(""));
        args.addAll(logLine);
        addChange(args, expireAt, writes);
        return reply(redis.await(run(commands, TRANSITION_SCRIPT, jobStep, args)));
    }

    Reply update(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep,
                 Set<ExecutionPhase> allowed, Optional<String> revision, Optional<Instant> expireAt,
                 JobHashMapper.HashWrites writes) {
        List<String> args = new ArrayList<>();
        args.add(phaseList(allowed));
        addWrites(args, revision, expireAt, writes);
        return reply(redis.await(run(commands, UPDATE_SCRIPT, jobStep, args)));
    }

    Deletion delete(RedisClusterAsyncCommands<byte[], byte[]> commands, List<String> jobStep) {
        List<String> reply = strings(redis.await(run(commands, DELETE_SCRIPT, jobStep, List.of())));
        if (reply.isEmpty()) {
            return new Deletion(false, Optional.empty());
        }
        return new Deletion(true, Optional.ofNullable(reply.size() > 1 ? reply.get(1) : null));
    }

    /** Sends the index script and returns at once, so that several can be in flight together. */
    CompletableFuture<Long> index(RedisClusterAsyncCommands<byte[], byte[]> commands, String indexKey, JobId id,
                                  Instant creationTime, Instant expireAt) {
        return run(commands, INDEX_SCRIPT, indexKey, List.of(id.value(), millis(creationTime), millis(expireAt)));
    }

    /**
     * Sends a script on its one key: EVALSHA, and EVAL if Redis does not hold it (which loads
     * it for next time). The fallback runs as the NOSCRIPT answer arrives, so a caller waiting
     * on the future sees only the script's answer.
     */
    private static <T> CompletableFuture<T> run(RedisClusterAsyncCommands<byte[], byte[]> commands, Script script,
                                                String key, List<String> args) {
        return run(commands, script, List.of(key), args);
    }

    /** As {@link #run(RedisClusterAsyncCommands, Script, String, List)}, on keys that share one slot. */
    static <T> CompletableFuture<T> run(RedisClusterAsyncCommands<byte[], byte[]> commands, Script script,
                                        List<String> keyNames, List<String> args) {
        byte[][] keys = new byte[keyNames.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SharedConnection.bytes(keyNames.get(i));
        }
        byte[][] values = new byte[args.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = SharedConnection.bytes(args.get(i));
        }
        CompletableFuture<T> sent = commands.<T>evalsha(script.sha(), script.output(), keys, values)
                .toCompletableFuture();
        return sent.exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                ? commands.<T>eval(script.text(), script.output(), keys, values).toCompletableFuture()
                : CompletableFuture.failedFuture(failure));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A MULTI answer as text: every element is a bulk string (a Lua string) or nil. */
    static List<String> strings(List<Object> reply) {
        if (reply == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>(reply.size());
        for (Object element : reply) {
            if (element != null && !(element instanceof byte[])) {
                throw new IllegalStateException("a job script answered a " + element.getClass().getSimpleName()
                        + " where text was expected");
            }
            strings.add(SharedConnection.string((byte[]) element));
        }
        return strings;
    }

    private static void addWrites(List<String> args, Optional<String> revision, Optional<Instant> expireAt,
                                  JobHashMapper.HashWrites writes) {
        args.add(revision.orElse(""));
        addChange(args, expireAt, writes);
    }

    /** A change as {@link #APPLY} reads it from ARGV, and as {@link #UPDATE} does after its revision. */
    static void addChange(List<String> args, Optional<Instant> expireAt, JobHashMapper.HashWrites writes) {
        args.add(expireAt.map(JobScripts::millis).orElse(""));
        args.add(Integer.toString(writes.delete().size()));
        args.addAll(writes.delete());
        writes.set().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
    }

    static Reply reply(List<Object> answer) {
        List<String> reply = strings(answer);
        if (reply.isEmpty()) {
            throw new IllegalStateException("a job script answered nothing");
        }
        return switch (reply.getFirst()) {
            case "A" -> new Reply.Changed(hash(reply.subList(1, reply.size())));
            case "R" -> new Reply.WrongPhase(ExecutionPhase.valueOf(reply.get(1)));
            case "C" -> new Reply.Stale();
            case "N" -> new Reply.Missing();
            default -> throw new IllegalStateException("a job script answered '" + reply.getFirst() + "'");
        };
    }

    private static Map<String, String> hash(List<String> flat) {
        Map<String, String> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(flat.get(i), flat.get(i + 1));
        }
        return hash;
    }

    /** The phases as the scripts match them: each between spaces, so no name matches inside another. */
    static String phaseList(Set<ExecutionPhase> phases) {
        StringBuilder list = new StringBuilder(" ");
        for (ExecutionPhase phase : phases) {
            list.append(phase.value()).append(' ');
        }
        return list.toString();
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
