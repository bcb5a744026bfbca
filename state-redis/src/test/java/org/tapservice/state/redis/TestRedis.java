package org.tapservice.state.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.tapservice.core.testing.TestRedisCluster;

/**
 * The local Redis the tests run on (127.0.0.1:6379 unless the system properties redis.host and
 * redis.port say otherwise), with key namespaces of random names, cleaned before and after use.
 * A test class takes it through {@link RedisNamespace}, which gives each test namespaces of its own.
 *
 * <p>With the system property {@code redis.cluster=true} (the build's second run of the Redis
 * tests) it is instead a three-primary Redis Cluster of this JVM's own ({@link TestRedisCluster}),
 * started by the first test that connects and stopped when the JVM exits, so that every
 * test of the stores runs unchanged on a cluster too.
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

    /** Whether the tests run on a Redis Cluster rather than on one Redis. */
    static boolean onCluster() {
        return Boolean.getBoolean("redis.cluster");
    }

    /** The cluster the tests run on; only when {@link #onCluster()}. */
    static TestRedisCluster cluster() {
        return TestRedisCluster.shared();
    }

    private static LettuceConnectionFactory startedFactory(boolean shared) {
        return startedFactory(shared, LettuceClientConfiguration.defaultConfiguration());
    }

    /**
     * A started factory on the same Redis (or cluster) with this client configuration, sharing
     * its native connection; the caller destroys it.
     */
    static LettuceConnectionFactory startedFactory(LettuceClientConfiguration client) {
        return startedFactory(true, client);
    }

    private static LettuceConnectionFactory startedFactory(boolean shared, LettuceClientConfiguration client) {
        LettuceConnectionFactory factory;
        if (onCluster()) {
            Assumptions.assumeTrue(TestRedisCluster.missingBinaries().isEmpty(),
                    () -> "Redis Cluster tests skipped: " + TestRedisCluster.missingBinaries().orElseThrow());
            factory = new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(cluster().nodes()
                    .split(","))), client);
        } else {
            factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                    System.getProperty("redis.host", "127.0.0.1"), Integer.getInteger("redis.port", 6379)), client);
        }
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
        if (factory.isClusterAware()) {
            // a SCAN cursor is one node's; Spring sends KEYS to every primary (of a test cluster)
            return new ArrayList<>(template.keys(keys.everyKeyPattern()));
        }
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
