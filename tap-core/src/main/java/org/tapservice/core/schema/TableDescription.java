package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One row of TAP_SCHEMA.tables with its columns and foreign keys, and the PostgreSQL
 * relation it publishes.
 *
 * @param name the table name as published and as queries use it, usually "schema.table"
 */
public record TableDescription(
        String schemaName,
        String name,
        String type,
        String utype,
        String description,
        String sqlSchema,
        String sqlTable,
        List<ColumnDescription> columns,
        List<ForeignKeyDescription> foreignKeys) {

    public TableDescription {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(sqlSchema, "sqlSchema is null");
        requireNonNull(sqlTable, "sqlTable is null");
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** The table's name without its schema prefix, as ADQL's table identifier. */
    public String unqualifiedName() {
        return unqualified(schemaName, name);
    }

    /** TAP_SCHEMA.tables.table_name with the schema prefix it usually carries removed. */
    static String unqualified(String schemaName, String tableName) {
        String prefix = schemaName + ".";
        return tableName.regionMatches(true, 0, prefix, 0, prefix.length())
                ? tableName.substring(prefix.length()) : tableName;
    }

    /** A column by its undelimited name (see {@link ColumnDescription#identifier()}). */
    public Optional<ColumnDescription> column(String columnName) {
        return columns.stream().filter(column -> column.identifier().equals(columnName)).findFirst();
    }
}
