package org.tapservice.core.async;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.query.ExecutionSettings;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.uws.Result;
import org.tapservice.votable.ResultFormats;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The sample catalogue on a throwaway PostgreSQL database, queried through the engine the
 * workers use, with one more published table: {@code science.slow}, a view whose every read
 * sleeps for an hour, so that a test has a statement running as long as it needs one to
 * cancel. Whether such a statement still runs is asked of PostgreSQL itself.
 */
final class SampleArchive implements AutoCloseable {

    /** A query that runs until it is cancelled, as far as any test is concerned. */
    static final String SLOW_QUERY = "SELECT n FROM science.slow";
    /**
     * How much longer than its execution duration a statement may run: long enough that a job's
     * own timer, never PostgreSQL's statement timeout, is what stops an overrunning job here.
     */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final TestDatabase database;
    private final HikariDataSource archive;
    private final QueryEngine engine;
    private final QueryRequestParser parser = new QueryRequestParser(new OutputLimits(1000, 100_000));

    private SampleArchive(TestDatabase database) {
        this.database = database;
        this.archive = database.archive(Duration.ofMinutes(5));
        this.engine = new QueryEngine(archive, new AdqlTranslator(), new CatalogCache(
                new TapSchemaLoader(database.dataSource()), Duration.ofMinutes(1), Clock.systemUTC()),
                ResultFormats.standard(), new ExecutionSettings(3), TestUploads.standard());
    }

    static SampleArchive create() {
        TestDatabase database = TestDatabase.create();
        try {
            SampleCatalogue.install(database);
            database.execute("""
                    CREATE VIEW science.slow AS SELECT 1 AS n FROM pg_sleep(3600);
                    INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                    VALUES ('science', 'science.slow', 'view', 'One row, an hour in coming');
                    INSERT INTO tap_schema.columns
                        (table_name, column_name, datatype, arraysize, xtype, unit, ucd, description,
                         principal, indexed, std, column_index)
                    VALUES ('science.slow', 'n', 'int', NULL, NULL, NULL, 'meta.number', 'One', 1, 0, 0, 0);
                    """);
            return new SampleArchive(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A runner of this instance's jobs, over the cluster's shared state, writing into its result store. */
    JobRunner runner(Cluster cluster) {
        return new JobRunner(cluster.queue(), cluster.events(), cluster.log(), engine, parser, cluster.results(),
                ResultFormats.standard(), cluster.quotas(), new JobUploads(cluster.results(), TestUploads.LIMITS),
                cluster.clock(), GRACE);
    }

    /** What the sync endpoint answers to a query: its content type and body. */
    record Answer(String contentType, byte[] body) {

        Result asResult() {
            return Result.main(contentType, body.length);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the sync endpoint answers to the query, byte for byte. */
    Answer syncAnswer(String adql, Optional<String> format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] contentType = new String[1];
        engine.execute(new QueryRequest(adql, 1000, format, Optional.empty()), type -> {
            contentType[0] = type;
            return body;
        });
        return new Answer(contentType[0], body.toByteArray());
    }

    /** Whether the slow view is being read by some statement now. */
    boolean slowQueryRuns() {
        return database.queryForLong("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
                  AND query LIKE '%slow%'""") > 0;
    }

    void awaitSlowQuery(boolean running) throws InterruptedException {
        Cluster.await(() -> slowQueryRuns() == running, running ? "the slow query to start" : "the slow query to end");
    }

    @Override
    public void close() {
        archive.close();
        // drops the database, ending any statement a failed test left running
        database.close();
    }
}
