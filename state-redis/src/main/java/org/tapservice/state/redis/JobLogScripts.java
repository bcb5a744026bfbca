package org.tapservice.state.redis;

/**
 * The Lua of the job log ({@link RedisJobLog}): the function every script that writes a line
 * calls, and the one script that only appends. A line is stored as
 * {@code <Redis millis> <instance> <event>}; the time is Redis' own (TIME), so the lines that
 * different instances write are ordered by one clock.
 */
final class JobLogScripts {

    /**
     * {@code log(logKey, jobKey, line, maxLines)}: appends the line with Redis' time, keeps the
     * last {@code maxLines}, and makes the log expire with the job's hash. An empty line (a
     * store without a {@link JobLogWriter}) writes nothing. Called after the step's own writes,
     * so the expiry is the job's as the step left it.
     */
    static final String LOG = """
            local function log(logKey, jobKey, line, maxLines)
              if line == '' then return end
              local time = redis.call('TIME')
              local millis = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
              redis.call('RPUSH', logKey, string.format('%d', millis) .. ' ' .. line)
              redis.call('LTRIM', logKey, -tonumber(maxLines), -1)
              local expiry = redis.call('PEXPIRETIME', jobKey)
              if expiry > 0 then redis.call('PEXPIREAT', logKey, expiry) end
            end
            """;

    /**
     * KEYS[1] job hash, KEYS[2] its log; ARGV[1] line, ARGV[2] max lines. Appends only while the
     * job exists, so a log never outlives its job: 1, or 0 when there is no job.
     */
    static final String APPEND = LOG + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            log(KEYS[2], KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    /**
     * KEYS[1] job hash, KEYS[2] its log; ARGV[1] max lines, ARGV[2..] lines, oldest first. Puts
     * lines the archive kept before those the log holds (a rebuild restoring a job's history),
     * only while the job exists: 1, or 0 when there is no job.
     */
    static final String PREPEND = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            for i = #ARGV, 2, -1 do redis.call('LPUSH', KEYS[2], ARGV[i]) end
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
            local expiry = redis.call('PEXPIRETIME', KEYS[1])
            if expiry > 0 then redis.call('PEXPIREAT', KEYS[2], expiry) end
            return 1
            """;

    private JobLogScripts() {
    }
}
