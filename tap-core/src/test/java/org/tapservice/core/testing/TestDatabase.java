package org.tapservice.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.tapservice.adql.sql.PgsphereGuards;
import org.tapservice.core.query.ArchiveSession;

/**
 * A throwaway database on the local PostgreSQL (TEST_PGHOST, TEST_PGPORT, TEST_PGUSER; by
 * default 127.0.0.1:5432 as postgres) with pg_sphere and TAP_SCHEMA, dropped on close. Tests
 * run against the real server: pgsphere's operators and PostgreSQL's cursors are what they check.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String HOST = env("TEST_PGHOST", "127.0.0.1");
    private static final String PORT = env("TEST_PGPORT", "5432");
    private static final String USER = env("TEST_PGUSER", "postgres");

    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** A database with pg_sphere, TAP_SCHEMA and the translator's pgsphere guards, as the migrations leave it. */
    public static TestDatabase create() {
        TestDatabase database = createBare();
        database.execute(resource("/db/migration/V1__tap_schema.sql"));
        database.execute(resource("/db/migration/V4_1__datalink_links.sql"));
        database.execute(resource(PgsphereGuards.SCRIPT));
        return database;
    }

    /** A database with pg_sphere only, for tests that run the migrations themselves. */
    public static TestDatabase createBare() {
        TestDatabase database = createEmpty();
        try {
            database.execute("CREATE EXTENSION IF NOT EXISTS pg_sphere");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * A database with nothing in it, for tests of what needs no pg_sphere (the job archive):
     * they then run wherever PostgreSQL does, whether or not pg_sphere installs there.
     */
    public static TestDatabase createEmpty() {
        String name = "tap_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database (is PostgreSQL running on "
                    + HOST + ":" + PORT + "?): " + e.getMessage(), e);
        }
        return new TestDatabase(name, pool(name, null));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return url(name);
    }

    public String user() {
        return USER;
    }

    /** A pool set up as the service sets up its archive pool: read-only, with this statement timeout. */
    public HikariDataSource archive(Duration statementTimeout) {
        return pool(name, ArchiveSession.options(statementTimeout));
    }

    /** A small pool on the database, with PostgreSQL start-up options when given. */
    private static HikariDataSource pool(String database, String options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(database));
        config.setUsername(USER);
        config.setMaximumPoolSize(4);
        if (options != null) {
            config.addDataSourceProperty("options", options);
        }
        return new HikariDataSource(config);
    }

    /**
     * Runs SQL on the server's maintenance database, for what belongs to the whole cluster
     * rather than one database (roles). The cluster is shared: name such things uniquely.
     */
    public static void executeOnServer(String sql) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** Runs SQL (one statement or a script) in autocommit mode. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** The single number a query answers (a count, say). */
    public long queryForLong(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("test SQL answered no row: " + sql);
            }
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String resource(String path) {
        try (InputStream in = TestDatabase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
