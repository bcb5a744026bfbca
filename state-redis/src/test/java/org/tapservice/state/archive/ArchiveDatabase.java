package org.tapservice.state.archive;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The job archive ({@link TestArchive}) for a test class, registered as a static field with
 * {@code @RegisterExtension}. The database is created once before the class's tests and dropped
 * after them. Each test starts with the archive emptied and a store of its own on it.
 */
public final class ArchiveDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private TestArchive archive;
    private PostgresJobStore store;

    @Override
    public void beforeAll(ExtensionContext context) {
        archive = TestArchive.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // null when the database could not be created
        if (archive != null) {
            archive.close();
            archive = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store = archive.emptyStore();
    }

    /** The running test's store, on an archive that held no job when the test began. */
    public PostgresJobStore store() {
        return store;
    }

    /** The archive's database, for what a test does to it besides the store. */
    public DataSource dataSource() {
        return archive.dataSource();
    }
}
