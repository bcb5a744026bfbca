package org.tapservice.state.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;

/** The whole {@link JobStoreContract}, on the local Redis, a fresh namespace per test. */
class RedisJobStoreTest extends JobStoreContract {

    private static TestRedis redis;

    private final List<JobKeys> namespaces = new ArrayList<>();

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    protected JobStore newStore() {
        JobKeys keys = redis.newNamespace();
        namespaces.add(keys);
        return new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
    }

    @AfterEach
    void clean() {
        namespaces.forEach(redis::clean);
    }
}
