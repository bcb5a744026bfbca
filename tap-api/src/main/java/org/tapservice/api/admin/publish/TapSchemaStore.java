package org.tapservice.api.admin.publish;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes TAP_SCHEMA rows. Callers run it inside a transaction: a table's rows are replaced as
 * a whole, so a client reading TAP_SCHEMA meanwhile sees the old entry or the new one.
 */
public final class TapSchemaStore {

    private static final String INSERT_COLUMN = """
            INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, "size", xtype,
                unit, ucd, utype, description, principal, indexed, std, column_index)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;

    public TapSchemaStore(JdbcTemplate jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public boolean isPublished(TableName table) {
        return jdbc.queryForObject("SELECT count(*) FROM tap_schema.tables WHERE table_name = ?",
                Integer.class, table.tapName()) > 0;
    }

    /** The column_name values published for a table. */
    public Set<String> columnNames(TableName table) {
        return new HashSet<>(jdbc.queryForList("SELECT column_name FROM tap_schema.columns WHERE table_name = ?",
                String.class, table.tapName()));
    }

    public void replace(PublishedTable table) {
        String tableName = table.name().tapName();
        jdbc.update("INSERT INTO tap_schema.schemas (schema_name) VALUES (?) ON CONFLICT (schema_name) DO NOTHING",
                table.name().schema());
        // ON DELETE CASCADE removes the columns and the keys from and to the table; the caller's
        // table.keys() therefore includes the keys other published tables have into this one.
        jdbc.update("DELETE FROM tap_schema.tables WHERE table_name = ?", tableName);
        jdbc.update("""
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, utype, description)
                VALUES (?, ?, ?, ?, ?)
                """, table.name().schema(), tableName, table.view() ? "view" : "table",
                table.utype().orElse(null), table.description().orElse(null));
        jdbc.batchUpdate(INSERT_COLUMN, table.columns(), table.columns().size(), (statement, column) -> {
            TapType type = column.type();
            ColumnMetadata metadata = column.metadata();
            statement.setString(1, tableName);
            statement.setString(2, column.name());
            statement.setString(3, type.datatype());
            statement.setString(4, type.arraysize().orElse(null));
            statement.setObject(5, type.size().orElse(null), java.sql.Types.INTEGER);
            statement.setString(6, type.xtype().orElse(null));
            statement.setString(7, metadata.unit().orElse(null));
            statement.setString(8, metadata.ucd().orElse(null));
            statement.setString(9, metadata.utype().orElse(null));
            statement.setString(10, metadata.description().orElse(null));
            statement.setInt(11, column.principal() ? 1 : 0);
            statement.setInt(12, column.indexed() ? 1 : 0);
            statement.setInt(13, metadata.std().orElse(false) ? 1 : 0);
            statement.setInt(14, column.index());
        });
        for (PublishedTable.Key key : table.keys()) {
            jdbc.update("INSERT INTO tap_schema.keys (key_id, from_table, target_table) VALUES (?, ?, ?)",
                    key.id(), key.fromTable(), key.targetTable());
            for (int i = 0; i < key.fromColumns().size(); i++) {
                jdbc.update("INSERT INTO tap_schema.key_columns (key_id, from_column, target_column) VALUES (?, ?, ?)",
                        key.id(), key.fromColumns().get(i), key.targetColumns().get(i));
            }
        }
    }

    /** Removes a table's rows, and its schema's row once no table is left in it. */
    public boolean remove(TableName table) {
        List<String> schemas = jdbc.queryForList(
                "DELETE FROM tap_schema.tables WHERE table_name = ? RETURNING schema_name", String.class,
                table.tapName());
        for (String schema : schemas) {
            jdbc.update("""
                    DELETE FROM tap_schema.schemas s WHERE schema_name = ?
                    AND NOT EXISTS (SELECT 1 FROM tap_schema.tables t WHERE t.schema_name = s.schema_name)
                    """, schema);
        }
        return !schemas.isEmpty();
    }
}
