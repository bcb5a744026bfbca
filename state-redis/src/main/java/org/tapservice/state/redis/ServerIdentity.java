package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * Which Redis server lives hold the state now: the run id of the server (of every primary, on
 * a Redis Cluster), which Redis draws anew at each start. Another identity than the one seen
 * before means a server was restarted or replaced by a failover since, and so may hold an
 * older copy of the data than it acknowledged (a snapshot loaded at start, a replica that had
 * not caught up); the same identity means the same live servers, which lose nothing they
 * acknowledged.
 *
 * @param runIds the run ids, sorted, comma-separated
 */
public record ServerIdentity(String runIds) {

    public ServerIdentity {
        requireNonNull(runIds, "runIds is null");
        if (runIds.isBlank()) {
            throw new IllegalArgumentException("a server identity names at least one run id");
        }
    }

    /** The identity of the servers these commands reach: INFO server of each primary. */
    static ServerIdentity of(SharedConnection redis, RedisClusterAsyncCommands<byte[], byte[]> commands) {
        List<CompletableFuture<String>> infos = new ArrayList<>();
        if (commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster) {
            cluster.upstream().commands().info("server").forEach(infos::add);
        } else {
            infos.add(commands.info("server").toCompletableFuture());
        }
        List<String> runIds = new ArrayList<>(infos.size());
        for (CompletableFuture<String> info : infos) {
            runIds.add(runId(redis.await(info)));
        }
        return new ServerIdentity(String.join(",", runIds.stream().sorted().toList()));
    }

    private static String runId(String info) {
        return info.lines().filter(line -> line.startsWith("run_id:")).map(line -> line.substring(7).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("INFO server gave no run_id"));
    }

    @Override
    public String toString() {
        return runIds;
    }
}
