package org.tapservice.api.admin;

import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.admin.demo.DemoLoader;
import org.tapservice.api.admin.publish.PgCatalog;
import org.tapservice.api.admin.publish.ReaderGrants;
import org.tapservice.api.admin.publish.TablePublisher;
import org.tapservice.api.admin.publish.TapSchemaStore;

/**
 * The admin context: Boot's auto-configuration from the service's own application.yml (the
 * state DataSource, Flyway, JdbcTemplate, transactions) and the admin beans. It works on the
 * state pool because it writes: TAP_SCHEMA lives in the archive database beside the science
 * tables, and the archive pool is read-only.
 * <p>
 * Deliberately not a {@code @Configuration}: the web application's component scan would pick
 * it up and start these beans, and a second auto-configuration, inside the server.
 */
@EnableAutoConfiguration
class AdminConfiguration {

    @Bean
    PgCatalog pgCatalog(JdbcTemplate jdbc) {
        return new PgCatalog(jdbc);
    }

    @Bean
    TapSchemaStore tapSchemaStore(JdbcTemplate jdbc) {
        return new TapSchemaStore(jdbc);
    }

    /** The archive pool's role, when it is not the state pool's user: it is granted what is published. */
    @Bean
    ReaderGrants readerGrants(JdbcTemplate jdbc, Environment environment) {
        String state = environment.getProperty("spring.datasource.username", "");
        return new ReaderGrants(jdbc, Optional.ofNullable(environment.getProperty("tap.archive.username"))
                .filter(reader -> !reader.isBlank() && !reader.equals(state)));
    }

    @Bean
    TablePublisher tablePublisher(PgCatalog catalog, TapSchemaStore store, TransactionTemplate transactions,
                                  ReaderGrants grants) {
        return new TablePublisher(catalog, store, transactions, grants);
    }

    @Bean
    DemoLoader demoLoader(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
            TablePublisher publisher) {
        return new DemoLoader(dataSource, jdbc, transactions, publisher);
    }

    @Bean
    AdminCommands adminCommands(TablePublisher publisher, DemoLoader demoLoader) {
        return new AdminCommands(publisher, demoLoader);
    }
}
