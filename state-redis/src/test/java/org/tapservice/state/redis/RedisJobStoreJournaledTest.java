package org.tapservice.state.redis;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;
import org.tapservice.state.archive.ArchiveDatabase;

/**
 * The whole {@link JobStoreContract} again, on a store that journals every change and writes
 * each creation to the archive before acknowledging it, as a deployment runs it.
 */
class RedisJobStoreJournaledTest extends JobStoreContract {

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();
    @RegisterExtension
    static final ArchiveDatabase tables = new ArchiveDatabase();

    @Override
    protected JobStore newStore() {
        JobKeys keys = redis.newNamespace();
        return new RedisJobStore(redis.factory(), keys, Duration.ofHours(1), new JobJournal(keys, 100_000),
                CreationDurability.archive(tables.store()));
    }
}
