package org.tapservice.api.admin.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.admin.AdminException;
import org.tapservice.api.admin.publish.PublishReport;
import org.tapservice.api.admin.publish.TableMetadata;
import org.tapservice.api.admin.publish.TableName;
import org.tapservice.api.admin.publish.TablePublisher;

/**
 * Builds demo.stars: rows generated in Java and streamed with binary COPY, indexes built in
 * parallel, then swapped in for the old table and published, with its DataLink links, in one
 * transaction. Building
 * under another name means the service keeps answering from the old table until the swap.
 */
public final class DemoLoader {

    public static final TableName TABLE = new TableName("demo", "stars");
    private static final String METADATA = "demo/stars.yaml";

    // The GiST expression must be exactly the one the ADQL translator emits for a point in a
    // cone or polygon, or the planner cannot use the index.
    private static final String POSITION_INDEX =
            "CREATE INDEX stars_loading_pos ON demo.stars_loading USING gist (spoint(radians(ra), radians(dec)))";
    private static final List<String> BTREE_INDEXES = List.of(
            "CREATE UNIQUE INDEX stars_loading_pkey ON demo.stars_loading (source_id)",
            "CREATE INDEX stars_loading_mag ON demo.stars_loading (phot_g_mean_mag)");
    private static final List<String> SWAP = List.of(
            "DROP TABLE IF EXISTS demo.stars",
            "ALTER TABLE demo.stars_loading RENAME TO stars",
            "ALTER INDEX demo.stars_loading_pos RENAME TO stars_pos",
            "ALTER INDEX demo.stars_loading_mag RENAME TO stars_mag",
            "ALTER TABLE demo.stars ADD CONSTRAINT stars_pkey PRIMARY KEY USING INDEX stars_loading_pkey");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TablePublisher publisher;

    public DemoLoader(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
            TablePublisher publisher) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
    }

    public DemoReport load(long rows) {
        TableMetadata metadata = TableMetadata.parse(resource(METADATA), METADATA);
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS demo");
            jdbc.execute("DROP TABLE IF EXISTS demo.stars_loading");
            jdbc.execute("CREATE TABLE demo.stars_loading (" + DemoStar.COLUMNS_DDL + ")");
            copyRows(rows);
        });
        long copied = System.nanoTime();
        buildIndexes();
        jdbc.execute("ANALYZE demo.stars_loading");
        long indexed = System.nanoTime();
        PublishReport published = transactions.execute(status -> {
            SWAP.forEach(jdbc::execute);
            PublishReport report = publisher.publish(TABLE, metadata, METADATA);
            new DemoLinks(jdbc).load();
            return report;
        });
        long done = System.nanoTime();
        return new DemoReport(rows, Duration.ofNanos(copied - start), Duration.ofNanos(indexed - copied),
                Duration.ofNanos(done - indexed), published);
    }

    /**
     * Runs on the transaction's connection: FREEZE (allowed because the table was created in
     * this transaction) writes the rows already frozen and all-visible, so the first queries
     * neither rewrite every page to set hint bits nor miss index-only scans.
     */
    private void copyRows(long rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var out = new BinaryCopyWriter(new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY demo.stars_loading FROM STDIN WITH (FORMAT binary, FREEZE)"))) {
            for (long sourceId = 1; sourceId <= rows; sourceId++) {
                DemoStar.generate(sourceId).write(out);
            }
        } catch (SQLException | IOException e) {
            throw new AdminException("copying the demo rows failed: " + e.getMessage(), e);
        }
    }

    /**
     * The GiST build is most of the load time and single-threaded in PostgreSQL, so the
     * b-trees are built beside it on a second connection. CREATE INDEX takes a SHARE lock,
     * which does not conflict with itself.
     */
    private void buildIndexes() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> builds = List.of(
                    executor.submit(() -> jdbc.execute(POSITION_INDEX)),
                    executor.submit(() -> BTREE_INDEXES.forEach(jdbc::execute)));
            for (Future<?> build : builds) {
                await(build);
            }
        }
    }

    private static void await(Future<?> build) {
        try {
            build.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while building the demo indexes", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
