package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.tapservice.core.testing.TestDatabase;

/**
 * A published view of the numbers 1 to 100 that PostgreSQL returns only after sleeping a few
 * seconds: a job that is still running when an instance is killed or stopped, and whose
 * result ({@code SELECT id AS tag FROM science.pause WHERE id <= n}: the rows 1..n) can be
 * checked exactly. The column alias makes each job's SQL text its own in pg_stat_activity.
 */
final class PausedTable {

    static final int SECONDS = 4;

    private PausedTable() {
    }

    static void install(TestDatabase database) {
        database.execute("""
                CREATE SCHEMA IF NOT EXISTS science;
                CREATE OR REPLACE VIEW science.pause AS
                    SELECT g AS id FROM generate_series(1, 100) AS g, pg_sleep(%d);
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('science', 'science.pause', 'view', 'The numbers 1 to 100, slowly');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, description,
                     principal, indexed, std, column_index)
                VALUES ('science.pause', 'id', 'int', 'A number', 1, 0, 0, 0);
                """.formatted(SECONDS));
    }

    /** Waits until the instance serves the view: instances re-read TAP_SCHEMA every tap.catalog-refresh. */
    static void awaitServedBy(UwsClient client) throws IOException, InterruptedException {
        String table = client.jobList().replace("/async", "/tables/science.pause");
        for (int i = 0; i < 100 && client.get(table).statusCode() != 200; i++) {
            Thread.sleep(100);
        }
        assertThat(client.get(table).statusCode()).as("the view served by %s", table).isEqualTo(200);
    }

    /** The query of the job tagged {@code tag}: its SQL names the tag, its result is the rows 1..rows. */
    static String query(String tag, int rows) {
        return "SELECT id AS " + tag + " FROM science.pause WHERE id <= " + rows + " ORDER BY id";
    }

    /** The CSV such a job must produce. */
    static String csv(String tag, int rows) {
        StringBuilder csv = new StringBuilder(tag).append("\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append("\r\n");
        }
        return csv.toString();
    }
}
