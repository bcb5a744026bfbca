package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * What {@link RedisJobStore#create} waits for before it returns, and so before a client is
 * told its job exists. Redis replicates asynchronously: a primary that fails over can lose
 * writes it had already answered, so an answer from the primary alone does not make a job
 * survive the primary's loss.
 *
 * <ul>
 *   <li>{@link None}: Redis' answer. A failover can lose a job whose creation was
 *       acknowledged; for deployments that accept that.</li>
 *   <li>{@link Replicas}: Redis' answer and WAIT: at least n replicas hold the job.</li>
 *   <li>{@link Archive}: the job's row in the PostgreSQL archive, written before the job goes
 *       into Redis. The journal then only updates the row.</li>
 * </ul>
 * The choice, and what each costs per request, is in the design notes ("Durability of an
 * acknowledged job").
 */
public sealed interface CreationDurability {

    /** Acknowledge on Redis' answer. */
    static CreationDurability none() {
        return new None();
    }

    /**
     * Acknowledge once {@code replicas} replicas hold the job, waiting at most {@code timeout};
     * fewer acknowledgements fail the creation.
     *
     * @param connections a factory that does not share its native connection (see
     *                    {@link Replicas})
     */
    static CreationDurability replicas(int replicas, Duration timeout, LettuceConnectionFactory connections) {
        return new Replicas(replicas, timeout, connections);
    }

    /** Acknowledge once the job's row is in the archive. */
    static CreationDurability archive(PostgresJobStore archive) {
        return new Archive(archive);
    }

    /** Redis' answer is the acknowledgement. */
    record None() implements CreationDurability {
    }

    /**
     * After the create, WAIT {@code replicas} {@code timeout}: Redis answers once that many
     * replicas have received every write the connection made, or when the timeout is over with
     * the number that had. Fewer than asked fails the create with a
     * {@link org.springframework.dao.DataAccessResourceFailureException}, so that the client
     * gets an error rather than an acknowledgement the next failover could make false; the
     * job stays, PENDING, known to no client, until its destruction time.
     *
     * <p>WAIT counts the writes of the connection it is sent on, and blocks that connection
     * until it answers. On the store's shared multiplexed connection it would hold up every
     * command of every thread behind it, for the whole timeout when a replica is down. The
     * create therefore runs on a connection of its own from {@code connections}, a factory that
     * must not share its native connection (give it a pooling client configuration, or each
     * create opens a connection); every other operation stays on the shared connection. On a
     * Redis Cluster the WAIT goes to the primary of every slot the create wrote, on the
     * connection its writes used there ({@link ReplicaAcknowledgements}).
     *
     * @param replicas    how many replicas must hold the job; 0 waits for nothing
     * @param timeout     how long to wait for them; shorter than the factory's command timeout
     * @param connections the factory of the create's dedicated connections, on the same Redis
     *                    (or cluster)
     */
    record Replicas(int replicas, Duration timeout, LettuceConnectionFactory connections)
            implements CreationDurability {
        public Replicas {
            if (replicas < 0) {
                throw new IllegalArgumentException("the number of replicas cannot be negative: " + replicas);
            }
            requireNonNull(timeout, "timeout is null");
            // WAIT 0 would block for ever
            if (timeout.toMillis() <= 0) {
                throw new IllegalArgumentException("the replicas' timeout must be at least a millisecond: " + timeout);
            }
            requireNonNull(connections, "connections is null");
            if (connections.getShareNativeConnection()) {
                throw new IllegalArgumentException("WAIT blocks the connection it is sent on: the replicas need a"
                        + " connection factory that does not share its native connection");
            }
        }
    }

    /**
     * The job's row is inserted into the archive before the job is written to Redis, so that
     * any change made to the job once Redis holds it is journaled after the row exists and
     * only ever updates it. A creation whose id the archive holds already fails as a duplicate;
     * one whose Redis write fails leaves a PENDING row no client was told about, which the
     * reaper removes at its destruction time.
     *
     * @param archive the job archive, on the state pool
     */
    record Archive(PostgresJobStore archive) implements CreationDurability {
        public Archive {
            requireNonNull(archive, "archive is null");
        }
    }
}
