package org.tapservice.state.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The test Redis ({@link TestRedis}) for a test class, registered as a static field with
 * {@code @RegisterExtension}. It connects once before the class's tests and disconnects after
 * them. A test gets namespaces no other test uses, empty when handed out and cleaned after the
 * test: its own one from {@link #keys()}, any further ones from {@link #newNamespace()}.
 */
final class RedisNamespace implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final Supplier<TestRedis> connector;
    /** Every namespace handed out to the running test. */
    private final List<JobKeys> namespaces = new ArrayList<>();
    private TestRedis redis;
    /** Made on the test's first ask, so that a test needing only further namespaces leaves none unused. */
    private JobKeys keys;

    /** The test Redis, whether one server or a cluster. */
    RedisNamespace() {
        this(TestRedis::connect);
    }

    private RedisNamespace(Supplier<TestRedis> connector) {
        this.connector = connector;
    }

    /** The test Redis when it is a Redis Cluster; the class's tests are skipped on one server. */
    static RedisNamespace onClusterOnly() {
        return new RedisNamespace(() -> {
            Assumptions.assumeTrue(TestRedis.onCluster(), "runs on a Redis Cluster only (-Dredis.cluster=true)");
            return TestRedis.connect();
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = connector.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // null when the connection was refused or the class skipped before it
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            namespaces.forEach(redis::clean);
        } finally {
            namespaces.clear();
            keys = null;
        }
    }

    /** The running test's own namespace, the same one however often asked. */
    JobKeys keys() {
        if (keys == null) {
            keys = newNamespace();
        }
        return keys;
    }

    /** A further namespace for the running test, empty and shared with no other test. */
    JobKeys newNamespace() {
        JobKeys namespace = redis.newNamespace();
        namespaces.add(namespace);
        return namespace;
    }

    /** The started factory the stores under test send their commands through. */
    LettuceConnectionFactory factory() {
        return redis.factory();
    }

    /** A template on the same Redis, for the tests' own reads and writes. */
    StringRedisTemplate template() {
        return redis.template();
    }

    /** The Redis keys that exist in the namespace. */
    List<String> keys(JobKeys keys) {
        return redis.keys(keys);
    }

    /** Deletes every key of the namespace now, as a test may need to midway. */
    void clean(JobKeys keys) {
        redis.clean(keys);
    }
}
