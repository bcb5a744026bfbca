package org.tapservice.api.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.query.ArchiveSession;

/**
 * The archive database as user queries see it: its own connection pool, so a slow query can
 * never hold up a job-state write, with every session read-only and under the statement
 * timeout ({@link ArchiveSession}). Kept out of the DataSource type on purpose: Spring Boot's
 * DataSource, Flyway and health checks stay on the state pool.
 */
public final class ArchiveDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArchiveDatabase.class);

    /** Whether the role the pool logs in as is a superuser, and how many tables it may change. */
    private static final String WRITE_ACCESS = """
            SELECT current_user, rolsuper, (SELECT count(*) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                      AND n.nspname NOT LIKE 'pg\\_%'
                      AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))
            FROM pg_roles WHERE rolname = current_user""";

    private final HikariDataSource pool;

    public ArchiveDatabase(TapProperties.Archive settings) {
        this(settings, Optional.empty());
    }

    /**
     * @param metrics where the pool reports its connections ({@code hikaricp_connections_*} with
     *                {@code pool="archive"}, beside the state pool's): Spring Boot registers only
     *                DataSource beans' pools, and this one is kept from being a bean
     */
    public ArchiveDatabase(TapProperties.Archive settings, Optional<MeterRegistry> metrics) {
        HikariConfig config = new HikariConfig();
        metrics.ifPresent(registry -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        config.setPoolName("archive");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        // Idle instances keep few connections: many instances share one PostgreSQL, whose
        // max_connections (100 by default) is the real bound, not each pool's maximum.
        config.setMinimumIdle(Math.min(settings.minimumIdle(), settings.maximumPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.addDataSourceProperty("options", ArchiveSession.options(settings.statementTimeout()));
        config.addDataSourceProperty("ApplicationName", "tap-service archive");
        this.pool = new HikariDataSource(config);
    }

    /**
     * What the pool's role could change if a session lifted its read-only default: nothing
     * for a role with SELECT only (the set-up's tap_reader), else a description of the risk.
     */
    public Optional<String> writeAccess() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(WRITE_ACCESS)) {
            result.next();
            String role = result.getString(1);
            long tables = result.getLong(3);
            if (result.getBoolean(2)) {
                return Optional.of("the archive pool logs in as " + role + ", a superuser");
            }
            return tables == 0 ? Optional.empty()
                    : Optional.of("the archive pool logs in as " + role + ", who may change " + tables + " tables");
        }
    }

    /** Says at start-up when user queries are kept from writing by their session's default alone. */
    void warnIfWritable() {
        try {
            writeAccess().ifPresent(risk -> log.warn("{}: user queries are read-only only by their sessions' "
                    + "default, which a session can lift; give tap.archive.username a role with SELECT on the "
                    + "published tables only (bin/setup-postgres creates tap_reader)", risk));
        } catch (SQLException e) {
            log.warn("cannot tell whether the archive role can write: {}", e.getMessage());
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
