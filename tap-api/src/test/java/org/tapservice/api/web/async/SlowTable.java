package org.tapservice.api.web.async;

import org.tapservice.core.testing.TestDatabase;

/**
 * A published view whose every query sleeps a minute in PostgreSQL: a long job to abort, time
 * out and find in pg_stat_activity. Installed for the tests that need it and removed after,
 * so that no other test (taplint reads every table) ever waits on it.
 */
final class SlowTable {

    static final String QUERY = "SELECT id FROM science.slow";

    private SlowTable() {
    }

    static void install(TestDatabase database) {
        database.execute("""
                CREATE SCHEMA IF NOT EXISTS science;
                CREATE OR REPLACE VIEW science.slow AS SELECT 1 AS id FROM pg_sleep(60);
                DELETE FROM tap_schema.columns WHERE table_name = 'science.slow';
                DELETE FROM tap_schema.tables WHERE table_name = 'science.slow';
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('science', 'science.slow', 'view', 'Sleeps a minute');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, description,
                     principal, indexed, std, column_index)
                VALUES ('science.slow', 'id', 'int', 'One', 1, 0, 0, 0);
                """);
    }

    static void remove(TestDatabase database) {
        database.execute("""
                DELETE FROM tap_schema.columns WHERE table_name = 'science.slow';
                DELETE FROM tap_schema.tables WHERE table_name = 'science.slow';
                DROP VIEW IF EXISTS science.slow;
                """);
    }

    /** How many queries on the view PostgreSQL is running now. */
    static long running(TestDatabase database) {
        return database.queryForLong("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'active' AND query LIKE '%"science"."slow"%'
                  AND pid <> pg_backend_pid()""");
    }
}
