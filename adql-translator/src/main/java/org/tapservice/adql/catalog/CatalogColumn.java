package org.tapservice.adql.catalog;

import static java.util.Objects.requireNonNull;

/** A column as published in TAP_SCHEMA ({@code name}) and as stored in PostgreSQL ({@code sqlName}). */
public record CatalogColumn(String name, String sqlName, ColumnType type) {

    public CatalogColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sqlName, "sqlName is null");
        requireNonNull(type, "type is null");
    }
}
