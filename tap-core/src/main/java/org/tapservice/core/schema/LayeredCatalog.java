package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.Identifier;

/**
 * One catalogue over another: the tables of a single request (its uploads, as TAP_UPLOAD) over
 * those TAP_SCHEMA publishes to everybody. A name both have is ambiguous, as with any two tables.
 */
public final class LayeredCatalog implements DescribedCatalog {

    private final DescribedCatalog upper;
    private final DescribedCatalog lower;

    public LayeredCatalog(DescribedCatalog upper, DescribedCatalog lower) {
        this.upper = requireNonNull(upper, "upper is null");
        this.lower = requireNonNull(lower, "lower is null");
    }

    @Override
    public List<CatalogTable> findTables(Optional<Identifier> schema, Identifier table) {
        List<CatalogTable> found = new ArrayList<>(upper.findTables(schema, table));
        found.addAll(lower.findTables(schema, table));
        return found;
    }

    @Override
    public Optional<ColumnDescription> describe(CatalogColumn column) {
        return upper.describe(column).or(() -> lower.describe(column));
    }

    @Override
    public boolean holdsDataLinkIds(CatalogColumn column) {
        return upper.holdsDataLinkIds(column) || lower.holdsDataLinkIds(column);
    }
}
