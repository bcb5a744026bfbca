package org.tapservice.adql.catalog;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A fixed set of tables held in memory: the reference behaviour of {@link Catalog}, for tests and tools. */
public final class MapCatalog implements Catalog {

    private final List<CatalogTable> tables;

    public MapCatalog(List<CatalogTable> tables) {
        this.tables = List.copyOf(requireNonNull(tables, "tables is null"));
    }

    public static MapCatalog of(CatalogTable... tables) {
        return new MapCatalog(List.of(tables));
    }

    @Override
    public List<CatalogTable> findTables(Optional<Identifier> schema, Identifier table) {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        return tables.stream()
                .filter(candidate -> table.matches(candidate.tableName()))
                .filter(candidate -> schema.map(name -> name.matches(candidate.schemaName())).orElse(true))
                .toList();
    }
}
