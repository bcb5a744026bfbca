package org.tapservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tapservice.core.testing.TestDatabase;

/**
 * With an archive role of its own ({@code tap.archive.username}), publishing a table lets that
 * role read it and TAP_SCHEMA, unpublishing takes the table back, and nothing else is granted.
 */
class ReaderGrantsTest {

    /** Roles belong to the whole (shared) cluster: one of this run's own. */
    private static final String READER = "tap_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static AdminHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        TestDatabase.executeOnServer("CREATE ROLE " + READER + " LOGIN");
        harness = new AdminHarness(List.of("--tap.archive.username=" + READER));
        jdbc = harness.jdbc();
        jdbc.execute("CREATE SCHEMA grants; CREATE TABLE grants.published (id int); CREATE TABLE grants.private (id int)");
    }

    @AfterAll
    static void stop() {
        jdbc.execute("DROP OWNED BY " + READER);
        harness.close();
        TestDatabase.executeOnServer("DROP ROLE IF EXISTS " + READER);
    }

    @Test
    void publishingGrantsTheReaderSelectOnThatTableAndTapSchemaOnly() {
        assertThat(harness.run("publish", "grants.published").exitCode()).isZero();

        assertThat(privilege("grants.published", "SELECT")).isTrue();
        assertThat(privilege("tap_schema.columns", "SELECT")).isTrue();
        assertThat(privilege("grants.private", "SELECT")).isFalse();
        for (String write : List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
            assertThat(privilege("grants.published", write)).as(write).isFalse();
            assertThat(privilege("tap_schema.columns", write)).as(write).isFalse();
        }

        assertThat(harness.run("unpublish", "grants.published").exitCode()).isZero();
        assertThat(privilege("grants.published", "SELECT")).isFalse();
    }

    private static boolean privilege(String table, String privilege) {
        return jdbc.queryForObject("SELECT has_table_privilege(?, ?, ?)", Boolean.class, READER, table, privilege);
    }
}
