package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The key ({@link JobKeys#stateMarker()}, without expiry) that says Redis holds every job the
 * archive held when it was set, and on which servers: its value is their
 * {@link ServerIdentity}. A Redis that lost its data lacks it. A server restarted with an older
 * copy of its data (a snapshot or an append-only file behind what it had acknowledged) or
 * replaced by a replica that had not caught up has it, but names other servers: it too may lack
 * archived jobs. Only a marker that names the servers of now vouches for Redis.
 */
final class StateMarker {

    /** What the marker says of the servers that answer now. */
    sealed interface Reading {
        /** The servers of now hold every archived job. */
        record Current(ServerIdentity servers) implements Reading {
        }

        /** No marker: Redis lost its data, or was never rebuilt. */
        record Missing(ServerIdentity servers) implements Reading {
        }

        /** A marker set on other servers than those of now (restarted, failed over). */
        record Stale(ServerIdentity servers, String markedOn) implements Reading {
        }

        /** The servers that answer now. */
        ServerIdentity servers();
    }

    private final SharedConnection redis;
    private final JobKeys keys;

    StateMarker(SharedConnection redis, JobKeys keys) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** The marker and the identity of the servers, read together. */
    Reading read(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        CompletableFuture<byte[]> marker = commands.get(SharedConnection.bytes(keys.stateMarker())).toCompletableFuture();
        ServerIdentity servers = ServerIdentity.of(redis, commands);
        Optional<String> markedOn = Optional.ofNullable(redis.await(marker)).map(SharedConnection::string);
        if (markedOn.isEmpty()) {
            return new Reading.Missing(servers);
        }
        return markedOn.get().equals(servers.runIds()) ? new Reading.Current(servers)
                : new Reading.Stale(servers, markedOn.get());
    }

    /** Whether Redis holds every archived job: a marker set on the servers of now. */
    boolean isCurrent(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        return read(commands) instanceof Reading.Current;
    }

    /** Says that the servers of this identity hold every archived job. */
    void set(RedisClusterAsyncCommands<byte[], byte[]> commands, ServerIdentity servers) {
        redis.await(commands.set(SharedConnection.bytes(keys.stateMarker()), SharedConnection.bytes(servers.runIds()))
                .toCompletableFuture());
    }
}
