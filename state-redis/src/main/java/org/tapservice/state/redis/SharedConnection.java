package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;

/**
 * Lettuce's asynchronous commands on the connection a Spring {@link LettuceConnectionFactory}
 * shares (its default), and waiting for their answers.
 *
 * <p>Why not a RedisTemplate: the template's per-call machinery (connection binding, the
 * script executor, serializers, result conversion) cost more client CPU than Redis spent on
 * the commands. Here each store operation takes the factory's connection once, sends its
 * commands on Lettuce's multiplexed connection and waits only where an answer is needed;
 * calls from many (virtual) threads share that one connection and stay in flight together.
 * Going through the factory rather than holding the native connection keeps Spring in charge
 * of its life (start, stop, reset) and works unchanged on a cluster-aware factory, whose
 * native connection routes each command to its slot's node. With sharing turned off the
 * factory hands out a pooled dedicated connection instead, released when the operation ends.
 *
 * <p>Failures come out as Spring's {@link DataAccessException}s, as they did through the
 * template.
 */
final class SharedConnection {

    /** The commands of one store operation; the connection is released when it returns. */
    interface Work<T> extends Function<RedisClusterAsyncCommands<byte[], byte[]>, T> {
    }

    private static final LettuceExceptionConverter EXCEPTIONS = new LettuceExceptionConverter();

    private final LettuceConnectionFactory factory;
    private final Duration timeout;

    SharedConnection(LettuceConnectionFactory factory) {
        this.factory = requireNonNull(factory, "factory is null");
        // Lettuce normally times a command out itself after this; the wait is only a bound
        this.timeout = factory.getClientConfiguration().getCommandTimeout();
    }

    @SuppressWarnings("unchecked")
    <T> T run(Work<T> work) {
        try (RedisConnection connection = factory.getConnection()) {
            return work.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection());
        }
    }

    /** The answer of a command sent earlier, waiting for it if need be. */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
}
