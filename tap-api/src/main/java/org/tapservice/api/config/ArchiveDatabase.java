package org.tapservice.api.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.tapservice.core.query.ArchiveSession;

/**
 * The archive database as user queries see it: its own connection pool, so a slow query can
 * never hold up a job-state write, with every session read-only and under the statement
 * timeout ({@link ArchiveSession}). Kept out of the DataSource type on purpose: Spring Boot's
 * DataSource, Flyway and health checks stay on the state pool.
 */
public final class ArchiveDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    public ArchiveDatabase(TapProperties.Archive settings) {
        HikariConfig config = new HikariConfig();
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

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
