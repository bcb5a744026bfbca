package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import io.lettuce.core.SetArgs;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.uws.ClusterLock;

/**
 * The {@link ClusterLock} on Redis: one string per lock ({@link JobKeys#lock}), taken with
 * SET NX PX, so taking it and arming its lapse are one command and a holder that dies cannot
 * leave it taken. Redis's clock times the hold, so the instances' clocks never matter.
 *
 * <p>The value is a random token per acquisition. Nothing here reads it back, since the lock
 * is never released; it tells an operator looking at the key that holders differ, and leaves
 * room for a release that must check it is the holder's own.
 *
 * <p>Thread-safe and stateless apart from its collaborators.
 */
public final class RedisClusterLock implements ClusterLock {

    private final SharedConnection redis;
    private final JobKeys keys;
    private final RandomTokens tokens = new RandomTokens();

    /**
     * @param redis the started connection factory of the state Redis
     * @param keys  the key layout and namespace
     */
    public RedisClusterLock(LettuceConnectionFactory redis, JobKeys keys) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the hold is shorter than a millisecond, the unit Redis
     *         counts it in, or the name is not one {@link JobKeys#lock} accepts
     */
    @Override
    public boolean tryAcquire(String name, Duration hold) {
        requireNonNull(hold, "hold is null");
        if (hold.toMillis() < 1) {
            throw new IllegalArgumentException("a lock must be held at least a millisecond: " + hold);
        }
        byte[] key = SharedConnection.bytes(keys.lock(name));
        byte[] token = SharedConnection.bytes(tokens.next());
        String reply = redis.run(commands -> redis.await(commands.set(key, token,
                SetArgs.Builder.nx().px(hold.toMillis())).toCompletableFuture()));
        return "OK".equals(reply);
    }
}
