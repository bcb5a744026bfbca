package org.tapservice.state.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ConnectionIntent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAIT for the replicas of every Redis a step wrote to ({@link CreationDurability.Replicas}).
 *
 * <p>WAIT counts the writes of the connection it is sent on, on the server it reaches. On one
 * Redis (or under Sentinel) that is the connection the step used. On a cluster a step's
 * keys may live on several primaries (the job's slot, the indexes', the journal's), and a
 * WAIT sent through the cluster connection would reach whichever node Lettuce picks for a
 * keyless command, whose count says nothing of the job. So it is sent to the primary of each
 * key's slot, on the connection to that node the step's writes went through (Lettuce keeps
 * one write connection per node in a cluster connection, found by the node's address), and
 * the answer is the least count of them: the step is as durable as its least replicated part.
 *
 * <p>On one connection Redis runs commands in the order sent, so there WAIT follows the step's
 * writes at once. Across a cluster's node connections nothing orders them, so there the WAITs
 * are sent once every write of the step has been answered (failed or not: a failed write is
 * the caller's to report), which is when each was certainly sent on its node's connection.
 */
final class ReplicaAcknowledgements {

    private static final Logger log = LoggerFactory.getLogger(ReplicaAcknowledgements.class);

    private ReplicaAcknowledgements() {
    }

    /**
     * Sends the WAITs and returns at once; the answer is the fewest replicas any written
     * primary counted.
     *
     * @param written the keys the step wrote (on a cluster, one per slot is enough)
     * @param writes  the answers of the step's writes not awaited yet
     */
    static CompletableFuture<Long> await(RedisClusterAsyncCommands<byte[], byte[]> commands, int replicas,
                                         Duration timeout, List<String> written, List<CompletableFuture<?>> writes) {
        if (!(commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster)) {
            return commands.waitForReplication(replicas, timeout.toMillis()).toCompletableFuture();
        }
        return CompletableFuture.allOf(writes.stream().map(write -> write.handle((answer, failure) -> null))
                .toArray(CompletableFuture[]::new)).thenCompose(answered -> awaitPrimaries(cluster, replicas,
                timeout, written));
    }

    private static CompletableFuture<Long> awaitPrimaries(RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster,
                                                          int replicas, Duration timeout, List<String> written) {
        StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.getStatefulConnection();
        Set<RedisURI> primaries = new LinkedHashSet<>();
        for (String key : written) {
            RedisClusterNode primary = connection.getPartitions().getMasterBySlot(SlotHash.getSlot(
                    SharedConnection.bytes(key)));
            if (primary == null) {
                // a slot nobody serves in Lettuce's view: a failover it has not yet seen the end of
                log.warn("no primary serves the slot of {}: its writes count as acknowledged by no replica", key);
                return CompletableFuture.completedFuture(0L);
            }
            primaries.add(primary.getUri());
        }
        List<CompletableFuture<Long>> counts = new ArrayList<>(primaries.size());
        for (RedisURI primary : primaries) {
            counts.add(connection.getConnectionAsync(primary.getHost(), primary.getPort(), ConnectionIntent.WRITE)
                    .thenCompose(node -> node.async().waitForReplication(replicas, timeout.toMillis()))
                    .exceptionally(failure -> notAcknowledged(primary, failure)));
        }
        return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenApply(done -> counts.stream()
                .mapToLong(CompletableFuture::join).min().orElse(replicas));
    }

    /**
     * A WAIT that failed acknowledges nothing. Right after a failover Lettuce's view of the
     * cluster may still name the old primary, which the writes' MOVED answers have left behind
     * and which, now a replica, refuses WAIT: the creation is then refused as one no replica
     * acknowledged (503, try again), never acknowledged unconfirmed.
     */
    private static long notAcknowledged(RedisURI primary, Throwable failure) {
        log.warn("WAIT on {}:{} failed, counted as no replica's acknowledgement: {}", primary.getHost(),
                primary.getPort(), failure.toString());
        return 0;
    }
}
