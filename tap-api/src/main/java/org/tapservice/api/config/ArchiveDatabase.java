package org.tapservice.api.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The archive database as user queries see it: its own connection pool, so a slow query can
 * never hold up a job-state write, every transaction read-only, and results fetched in
 * PostgreSQL's binary format. Kept out of the DataSource type on purpose: Spring Boot's
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
        config.setReadOnly(true);
        config.setAutoCommit(false);
        // prepareThreshold=-1 makes pgjdbc ask for binary results from the first execution:
        // decoding doubles and longs from binary is several times cheaper than from text.
        config.addDataSourceProperty("prepareThreshold", "-1");
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
