package org.tapservice.state.redis;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;

/** The whole {@link JobStoreContract}, on the local Redis, a fresh namespace per test. */
class RedisJobStoreTest extends JobStoreContract {

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    @Override
    protected JobStore newStore() {
        JobKeys keys = redis.newNamespace();
        return new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
    }
}
