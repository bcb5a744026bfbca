package org.tapservice.state.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The local Redis the tests run on (127.0.0.1:6379 unless the system properties redis.host and
 * redis.port say otherwise), with a random key namespace per test, cleaned before and after.
 */
final class TestRedis implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;

    private TestRedis(LettuceConnectionFactory factory) {
        this.factory = factory;
        this.template = new StringRedisTemplate(factory);
    }

    static TestRedis connect() {
        return new TestRedis(startedFactory(true));
    }

    /**
     * A started factory on the same Redis whose every connection is a dedicated one (what WAIT
     * needs); the caller destroys it.
     */
    static LettuceConnectionFactory unsharedFactory() {
        return startedFactory(false);
    }

    private static LettuceConnectionFactory startedFactory(boolean shared) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                System.getProperty("redis.host", "127.0.0.1"), Integer.getInteger("redis.port", 6379)));
        factory.setShareNativeConnection(shared);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** The started factory the stores under test send their commands through. */
    LettuceConnectionFactory factory() {
        return factory;
    }

    /** A template on the same Redis, for the tests' own reads and writes. */
    StringRedisTemplate template() {
        return template;
    }

    /** A namespace no other test uses, with no keys in it. */
    JobKeys newNamespace() {
        JobKeys keys = new JobKeys("tap-test:" + UUID.randomUUID());
        clean(keys);
        return keys;
    }

    /** Every key of the namespace. */
    List<String> keys(JobKeys keys) {
        List<String> found = new ArrayList<>();
        try (Cursor<String> cursor = template.scan(ScanOptions.scanOptions().match(keys.everyKeyPattern())
                .count(1000).build())) {
            cursor.forEachRemaining(found::add);
        }
        return found;
    }

    void clean(JobKeys keys) {
        List<String> found = keys(keys);
        if (!found.isEmpty()) {
            template.delete(found);
        }
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
