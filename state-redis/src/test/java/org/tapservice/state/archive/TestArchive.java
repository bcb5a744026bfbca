package org.tapservice.state.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.tapservice.core.testing.TestDatabase;

/**
 * The job archive in a throwaway database on the local PostgreSQL ({@link TestDatabase}), its
 * migrations applied, dropped on close. A test class takes it through {@link ArchiveDatabase};
 * the benchmarks, which are no tests, create and close it themselves.
 */
public final class TestArchive implements AutoCloseable {

    /** The migrations of the archive's tables: the jobs, and their logs. */
    private static final String[] MIGRATIONS = {"V2__uws_job_archive.sql", "V5__job_log.sql"};

    private final TestDatabase database;

    private TestArchive(TestDatabase database) {
        this.database = database;
    }

    public static TestArchive create() {
        TestDatabase database = TestDatabase.createEmpty();
        try {
            for (String script : MIGRATIONS) {
                try (InputStream migration = TestArchive.class.getResourceAsStream("/db/migration/" + script)) {
                    database.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("cannot create the job archive: " + e.getMessage(), e);
        }
        return new TestArchive(database);
    }

    /** A store on the archive, emptied first. */
    public PostgresJobStore emptyStore() {
        database.execute("TRUNCATE tap_uws.jobs CASCADE");
        return new PostgresJobStore(database.dataSource());
    }

    public TestDatabase database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() {
        database.close();
    }
}
