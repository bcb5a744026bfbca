package org.tapservice.adql.catalog;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A table as published in TAP_SCHEMA and where it lives in PostgreSQL.
 *
 * @param schemaName ADQL schema name, e.g. {@code TAP_SCHEMA}
 * @param tableName  ADQL table name without the schema prefix, e.g. {@code tables}
 * @param sqlSchema  PostgreSQL schema, e.g. {@code tap_schema}
 * @param sqlTable   PostgreSQL table or view
 * @param columns    in TAP_SCHEMA order, which is the order {@code SELECT *} returns them in
 */
public record CatalogTable(String schemaName, String tableName, String sqlSchema, String sqlTable, List<CatalogColumn> columns) {

    public CatalogTable {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(sqlSchema, "sqlSchema is null");
        requireNonNull(sqlTable, "sqlTable is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** {@code schema.table}, the ADQL name for messages. */
    public String qualifiedName() {
        return schemaName.isEmpty() ? tableName : schemaName + "." + tableName;
    }
}
