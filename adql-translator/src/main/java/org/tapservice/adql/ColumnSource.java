package org.tapservice.adql;

import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;

import static java.util.Objects.requireNonNull;

/** The catalogue column an output column shows unchanged, so its TAP_SCHEMA metadata (unit, UCD...) applies. */
public record ColumnSource(CatalogTable table, CatalogColumn column) {

    public ColumnSource {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }
}
