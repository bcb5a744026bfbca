package org.tapservice.state.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.JobStoreContract;

/** The job archive on the local PostgreSQL obeys the same contract as every job store. */
class PostgresJobStoreTest extends JobStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void createArchive() throws IOException {
        database = TestDatabase.createBare();
        try (InputStream migration = PostgresJobStoreTest.class.getResourceAsStream(
                "/db/migration/V2__uws_job_archive.sql")) {
            database.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void dropArchive() {
        database.close();
    }

    @Override
    protected JobStore newStore() {
        database.execute("TRUNCATE tap_uws.jobs CASCADE");
        return new PostgresJobStore(database.dataSource());
    }
}
