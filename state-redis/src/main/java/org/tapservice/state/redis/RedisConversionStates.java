package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.ScriptOutputType;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.results.ConversionClaim;
import org.tapservice.core.results.ConversionLease;
import org.tapservice.core.results.ConversionState;
import org.tapservice.core.results.ConversionStates;
import org.tapservice.core.uws.JobId;

/**
 * The {@link ConversionStates} on Redis: one string per conversion ({@link JobKeys#conversion}),
 * holding {@code C <token> <since millis> <converter>} while it is being made, with the lease as
 * its expiry (PX), or {@code S <size>} once stored, expiring at the time the finish gives (the
 * job's destruction). Each step is one short script on that one key; Redis' clock times leases
 * and gives the start time, so the instances' clocks never matter. Ownership is the token: a
 * renew, finish or release acts only while the key still holds the caller's.
 *
 * <p>The marks of a deleted job are not deleted with it: they lapse by themselves (a lease
 * within its lease time, a stored mark at the job's destruction), and nothing reads them once
 * the job is gone. A job whose destruction is moved later than its stored marks may have a
 * result converted again after they lapse.
 */
public final class RedisConversionStates implements ConversionStates {

    /** KEYS[1] the conversion; ARGV token, converter, lease millis. Nil if granted, else the mark in the way. */
    static final String CLAIM = """
            local mark = redis.call('GET', KEYS[1])
            if mark then return mark end
            local now = redis.call('TIME')
            local since = now[1] * 1000 + math.floor(now[2] / 1000)
            redis.call('SET', KEYS[1], 'C ' .. ARGV[1] .. ' ' .. since .. ' ' .. ARGV[2], 'PX', ARGV[3])
            return false
            """;

    /** The Lua test of ownership: the mark is a lease with the token ARGV[1]. */
    private static final String HELD = """
            local mark = redis.call('GET', KEYS[1])
            local held = mark and string.sub(mark, 1, #ARGV[1] + 3) == 'C ' .. ARGV[1] .. ' '
            """;

    /** KEYS[1] the conversion; ARGV token, lease millis. 1 if renewed. */
    static final String RENEW = HELD + """
            if not held then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** KEYS[1] the conversion; ARGV token, size, keep-until millis. 1 if marked stored. */
    static final String FINISH = HELD + """
            if not held then return 0 end
            redis.call('SET', KEYS[1], 'S ' .. ARGV[2], 'PXAT', ARGV[3])
            return 1
            """;

    /** KEYS[1] the conversion; ARGV token. 1 if released. */
    static final String RELEASE = HELD + """
            if not held then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    private static final JobScripts.Script CLAIM_SCRIPT = new JobScripts.Script(CLAIM, ScriptOutputType.VALUE);
    private static final JobScripts.Script RENEW_SCRIPT = new JobScripts.Script(RENEW, ScriptOutputType.INTEGER);
    private static final JobScripts.Script FINISH_SCRIPT = new JobScripts.Script(FINISH, ScriptOutputType.INTEGER);
    private static final JobScripts.Script RELEASE_SCRIPT = new JobScripts.Script(RELEASE, ScriptOutputType.INTEGER);

    private final SharedConnection redis;
    private final JobKeys keys;
    private final RandomTokens tokens = new RandomTokens();

    /**
     * @param redis the started connection factory of the state Redis
     * @param keys  the key layout and namespace
     */
    public RedisConversionStates(LettuceConnectionFactory redis, JobKeys keys) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public ConversionClaim claim(JobId job, String resultId, String converter, Duration leaseTime) {
        requireNonNull(converter, "converter is null");
        String token = tokens.next();
        byte[] mark = redis.run(commands -> redis.<byte[]>await(JobScripts.run(commands, CLAIM_SCRIPT,
                List.of(keys.conversion(job, resultId)), List.of(token, converter, millis(leaseTime)))));
        if (mark == null) {
            return new ConversionClaim.Granted(new ConversionLease(job, resultId, token));
        }
        return new ConversionClaim.Taken(state(SharedConnection.string(mark)));
    }

    @Override
    public boolean renew(ConversionLease lease, Duration leaseTime) {
        return run(RENEW_SCRIPT, lease, millis(leaseTime));
    }

    @Override
    public boolean finish(ConversionLease lease, long size, Instant keepUntil) {
        return run(FINISH_SCRIPT, lease, Long.toString(size), Long.toString(keepUntil.toEpochMilli()));
    }

    @Override
    public void release(ConversionLease lease) {
        run(RELEASE_SCRIPT, lease);
    }

    @Override
    public Map<String, ConversionState> states(JobId job, List<String> resultIds) {
        Map<String, ConversionState> states = new LinkedHashMap<>();
        if (resultIds.isEmpty()) {
            return states;
        }
        byte[][] names = new byte[resultIds.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = SharedConnection.bytes(keys.conversion(job, resultIds.get(i)));
        }
        // one slot (the job's tag), so one MGET on a cluster too
        var values = redis.run(commands -> redis.await(commands.mget(names).toCompletableFuture()));
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).hasValue()) {
                states.put(resultIds.get(i), state(SharedConnection.string(values.get(i).getValue())));
            }
        }
        return states;
    }

    private boolean run(JobScripts.Script script, ConversionLease lease, String... more) {
        List<String> args = new ArrayList<>(1 + more.length);
        args.add(lease.token());
        args.addAll(List.of(more));
        Long answer = redis.run(commands -> redis.<Long>await(JobScripts.run(commands, script,
                List.of(keys.conversion(lease.job(), lease.resultId())), args)));
        return answer != null && answer == 1;
    }

    /** A mark as the scripts write it. */
    private static ConversionState state(String mark) {
        String[] parts = mark.split(" ", 4);
        return switch (parts[0]) {
            case "C" -> new ConversionState.Converting(parts[3], Instant.ofEpochMilli(Long.parseLong(parts[2])));
            case "S" -> new ConversionState.Stored(Long.parseLong(parts[1]));
            default -> throw new IllegalStateException("a conversion mark that is neither C nor S: '" + mark + "'");
        };
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
