package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that gives one instance a rebuild of Redis to itself ({@link JobKeys#recoveryLock()}):
 * taken with SET NX PX and a token of its own, kept by its holder while the rebuild runs
 * (extended every third of its hold), released by its holder only. A rebuild may take longer
 * than any fixed hold (a million jobs took two to seven minutes on a 2-core machine), and one instance
 * taking over from another that is still at work would double the load of both for nothing;
 * an instance that dies mid-rebuild stops extending, and its lock lapses within one hold.
 */
final class RecoveryLock {

    private static final Logger log = LoggerFactory.getLogger(RecoveryLock.class);

    /** Extends the hold if the lock is still the holder's: 1 if so, 0 if it lapsed or changed hands. */
    private static final JobScripts.Script EXTEND = new JobScripts.Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """, ScriptOutputType.INTEGER);
    /** Deletes the lock if it is still the holder's. */
    private static final JobScripts.Script RELEASE = new JobScripts.Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, ScriptOutputType.INTEGER);

    private final SharedConnection redis;
    private final String key;
    private final Duration hold;
    private final RandomTokens tokens = new RandomTokens();

    /** @param hold how long the lock outlives a holder that stopped extending it */
    RecoveryLock(SharedConnection redis, JobKeys keys, Duration hold) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(keys, "keys is null").recoveryLock();
        this.hold = requireNonNull(hold, "hold is null");
        if (hold.toMillis() < 3) {
            throw new IllegalArgumentException("the lock must be held at least 3 ms, to be extended every third: "
                    + hold);
        }
    }

    /** The lock, kept until closed, if no other instance holds it. */
    Optional<Held> tryAcquire() {
        String token = tokens.next();
        String reply = redis.run(commands -> redis.await(commands.set(SharedConnection.bytes(key),
                SharedConnection.bytes(token), SetArgs.Builder.nx().px(hold.toMillis())).toCompletableFuture()));
        return "OK".equals(reply) ? Optional.of(new Held(token)) : Optional.empty();
    }

    /** A lock this instance holds: extended on a virtual thread of its own until closed. */
    final class Held implements AutoCloseable {

        private final String token;
        private final CountDownLatch released = new CountDownLatch(1);
        private final Thread keeper;

        private Held(String token) {
            this.token = token;
            this.keeper = Thread.ofVirtual().name("recovery-lock").start(this::keep);
        }

        private void keep() {
            long interval = hold.toMillis() / 3;
            try {
                while (!released.await(interval, TimeUnit.MILLISECONDS)) {
                    if (!run(EXTEND, List.of(token, Long.toString(hold.toMillis())))) {
                        log.warn("the Redis rebuild's lock lapsed before it could be extended; another instance may"
                                + " rebuild at the same time, which costs work but no harm");
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Redis unreachable: the rebuild fails on it too, and the lock lapses by itself
                log.warn("could not extend the Redis rebuild's lock: {}", e.toString());
            }
        }

        /** Whether the script, given the token first, found the lock still this holder's. */
        private boolean run(JobScripts.Script script, List<String> args) {
            Long reply = redis.run(commands -> redis.await(JobScripts.<Long>run(commands, script, List.of(key), args)));
            return reply != null && reply == 1;
        }

        /** Stops extending the lock and releases it, unless it has lapsed and changed hands. */
        @Override
        public void close() {
            released.countDown();
            try {
                keeper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run(RELEASE, List.of(token));
        }
    }
}
