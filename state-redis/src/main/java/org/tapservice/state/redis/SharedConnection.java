package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * Lettuce's asynchronous commands on the connection a Spring {@link LettuceConnectionFactory}
 * shares (its default), and waiting for their answers.
 *
 * <p>Why not a RedisTemplate: the template's per-call machinery (connection binding, the
 * script executor, serializers, result conversion) cost more client CPU than Redis spent on
 * the commands. Here each store operation sends its commands on Lettuce's multiplexed
 * connection and waits only where an answer is needed; calls from many (virtual) threads
 * share that one connection and stay in flight together.
 *
 * <p>The factory's shared connection is asked for once and its asynchronous commands kept,
 * and asked for again only once it is closed (the factory was reset or stopped): asking per
 * operation built a Spring connection wrapper every time and took the factory's lock twice,
 * which 32 threads contended for. Spring stays in charge of the connection's life, and a
 * cluster-aware factory's native connection routes each command to its slot's node. With
 * sharing turned off the factory hands out a pooled dedicated connection for each operation
 * instead, released when the operation ends.
 *
 * <p>Waits are untimed when Lettuce times every command out itself (Spring's default client
 * options): a timed wait would only arm and cancel a second timer per command. Otherwise
 * they are bounded by the command timeout.
 *
 * <p>Failures come out as Spring's {@link DataAccessException}s, as they did through the
 * template, except that Redis being out of reach (no connection, a connection lost, no answer
 * in time) is a {@link TapException} of kind {@link ErrorKind#UNAVAILABLE}: every caller, HTTP
 * request or worker, then sees an outage the client may retry rather than a fault of the
 * service. An error Redis answered (a script's, a wrong type) stays a DataAccessException.
 */
final class SharedConnection {

    /** The commands of one store operation; the connection is released when it returns. */
    interface Work<T> extends Function<RedisClusterAsyncCommands<byte[], byte[]>, T> {
    }

    private static final LettuceExceptionConverter EXCEPTIONS = new LettuceExceptionConverter();
    private static final String UNREACHABLE = "the job state store (Redis) cannot be reached at the moment, so "
            + "async jobs cannot be created, read or changed; please try again shortly (synchronous queries "
            + "are not affected)";

    /**
     * The first word of the errors a Redis Cluster answers while a primary is failing over (its
     * slots served by nobody yet) or a multi-key command meets a slot being moved: both go once
     * the cluster is whole again, like an outage.
     */
    private static final List<String> CLUSTER_IN_TRANSITION = List.of("CLUSTERDOWN", "TRYAGAIN");

    private final LettuceConnectionFactory factory;
    private final Duration timeout;
    private final boolean lettuceTimesOut;
    /** The shared connection's commands, once asked for; never set when the factory does not share. */
    private volatile RedisClusterAsyncCommands<byte[], byte[]> shared;

    SharedConnection(LettuceConnectionFactory factory) {
        this.factory = requireNonNull(factory, "factory is null");
        LettuceClientConfiguration client = factory.getClientConfiguration();
        this.timeout = client.getCommandTimeout();
        this.lettuceTimesOut = client.getClientOptions()
                .map(options -> options.getTimeoutOptions().isTimeoutCommands()).orElse(false);
    }

    <T> T run(Work<T> work) {
        try {
            return runOnConnection(work);
        } catch (DataAccessException e) {
            // the factory's own connecting fails this way, outside any await
            throw translate(e);
        }
    }

    private <T> T runOnConnection(Work<T> work) {
        if (!factory.getShareNativeConnection()) {
            try (RedisConnection connection = factory.getConnection()) {
                return work.apply(commands(connection));
            }
        }
        RedisClusterAsyncCommands<byte[], byte[]> commands = shared;
        if (commands == null || !commands.isOpen()) {
            // closing Spring's wrapper of a shared connection leaves the connection open
            try (RedisConnection connection = factory.getConnection()) {
                commands = commands(connection);
            }
            shared = commands;
        }
        return work.apply(commands);
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> commands(RedisConnection connection) {
        return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
    }

    /** The answer of a command sent earlier, waiting for it if need be. */
    <T> T await(CompletableFuture<T> future) {
        try {
            return lettuceTimesOut ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RedisSystemException("interrupted while waiting for Redis", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw translate(new RedisCommandTimeoutException("no answer from Redis within " + timeout));
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (CancellationException e) {
            throw translate(e);
        }
    }

    /** Waits for every one of these commands (each may fail on its own; the first failure is thrown). */
    void awaitAll(CompletableFuture<?>... futures) {
        for (CompletableFuture<?> future : futures) {
            await(future);
        }
    }

    /** Whether Redis answered with the error code of a cluster failing over or moving slots. */
    private static boolean isClusterInTransition(RedisCommandExecutionException refused) {
        String message = refused.getMessage();
        return message != null && CLUSTER_IN_TRANSITION.stream().anyMatch(code -> message.startsWith(code + " "));
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    /**
     * A hash or stream entry as text; decoded by the caller rather than on Lettuce's event loop
     * thread, which all callers share.
     */
    static Map<String, String> strings(Map<byte[], byte[]> entries) {
        Map<String, String> decoded = new HashMap<>(entries.size() * 2);
        entries.forEach((field, value) -> decoded.put(string(field), string(value)));
        return decoded;
    }

    private static RuntimeException translate(Throwable failure) {
        if (isUnreachable(failure)) {
            return new TapException(ErrorKind.UNAVAILABLE, UNREACHABLE, failure);
        }
        if (failure instanceof DataAccessException translated) {
            return translated;
        }
        if (failure instanceof Exception exception) {
            DataAccessException translated = EXCEPTIONS.translate(exception);
            if (translated != null) {
                return translated;
            }
            if (exception instanceof RuntimeException runtime) {
                return runtime;
            }
        }
        return new RedisSystemException("Redis command failed", failure);
    }

    /**
     * Whether a failure says Redis is out of reach rather than that it refused a command: no
     * connection (Lettuce rejects commands while it reconnects), a connection lost under a
     * command, or no answer within the timeout. Judged by type, never by message text, except
     * for the error codes a Redis Cluster answers while it fails over or moves slots
     * ({@link #CLUSTER_IN_TRANSITION}), which Lettuce gives no type of their own.
     */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisLoadingException || cause instanceof RedisReadOnlyException) {
                // a node that restarted and is still loading, or a primary just demoted
                return true;
            }
            if (cause instanceof RedisCommandExecutionException refused) {
                return isClusterInTransition(refused);
            }
            if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
                    || cause instanceof RedisCommandTimeoutException || cause instanceof RedisConnectionException) {
                return true;
            }
            if (cause instanceof IOException) {
                // a connection reset under a command: Lettuce fails the command with the socket's own exception
                return true;
            }
            if (cause instanceof RedisException && cause.getCause() == null) {
                // Lettuce's own transport failures (not connected, connection closed) carry no cause
                return true;
            }
        }
        return false;
    }
}
