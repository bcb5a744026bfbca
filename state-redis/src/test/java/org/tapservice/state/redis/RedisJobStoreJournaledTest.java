package org.tapservice.state.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;
import org.tapservice.state.archive.TestArchive;

/**
 * The whole {@link JobStoreContract} again, on a store that journals every change and writes
 * each creation to the archive before acknowledging it, as a deployment runs it.
 */
class RedisJobStoreJournaledTest extends JobStoreContract {

    private static TestRedis redis;
    private static TestArchive tables;

    private final List<JobKeys> namespaces = new ArrayList<>();

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        tables = TestArchive.create();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        tables.close();
    }

    @Override
    protected JobStore newStore() {
        JobKeys keys = redis.newNamespace();
        namespaces.add(keys);
        return new RedisJobStore(redis.factory(), keys, Duration.ofHours(1), new JobJournal(keys, 100_000),
                CreationDurability.archive(tables.emptyStore()));
    }

    @AfterEach
    void clean() {
        namespaces.forEach(redis::clean);
    }
}
