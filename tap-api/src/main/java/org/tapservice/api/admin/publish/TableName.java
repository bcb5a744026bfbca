package org.tapservice.api.admin.publish;

import static java.util.Objects.requireNonNull;

import org.tapservice.api.admin.UsageException;

/**
 * A PostgreSQL table as {@code schema.table}, both parts exact (case-sensitive) PostgreSQL
 * names, and the names it is published under in TAP_SCHEMA.
 */
public record TableName(String schema, String table) {

    public TableName {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    public static TableName parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
            throw new UsageException("expected SCHEMA.TABLE, not '" + text + "'");
        }
        return new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** The name in SQL, quoted so case and odd characters survive. */
    public String sql() {
        return quote(schema) + "." + quote(table);
    }

    /**
     * TAP_SCHEMA.tables.table_name. Names are published as PostgreSQL spells them: the
     * service's catalogue (TapSchemaLoader) matches them to relations exactly first and
     * without case second, and does its own quoting when it writes SQL.
     */
    public String tapName() {
        return schema + "." + table;
    }

    /** TAP_SCHEMA's own rows belong to the migrations, not to publish/unpublish. */
    public boolean isTapSchema() {
        return schema.equalsIgnoreCase("tap_schema");
    }

    /** An SQL identifier, quoted. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return tapName();
    }
}
