package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.Identifier;

/**
 * The ADQL translator's view of TAP_SCHEMA: every published table as a catalogue table, and
 * the way back from a catalogue column to its TAP_SCHEMA description for result metadata.
 */
public final class TapSchemaCatalog implements Catalog {

    private final TapSchema schema;
    private final Map<String, List<Entry>> byUnqualifiedName = new HashMap<>();
    private final Map<CatalogTable, TableDescription> descriptions = new IdentityHashMap<>();

    private record Entry(CatalogTable table, TableDescription description) {
    }

    public TapSchemaCatalog(TapSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        for (TableDescription table : schema.tables()) {
            CatalogTable catalogTable = new CatalogTable(table.schemaName(), table.unqualifiedName(),
                    table.sqlSchema(), table.sqlTable(), table.columns().stream()
                    .map(column -> new CatalogColumn(column.identifier(), column.sqlName(),
                            ColumnType.fromVOTable(column.datatype(), column.arraysize(), column.xtype())))
                    .toList());
            byUnqualifiedName.computeIfAbsent(table.unqualifiedName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(new Entry(catalogTable, table));
            descriptions.put(catalogTable, table);
        }
    }

    public TapSchema schema() {
        return schema;
    }

    @Override
    public List<CatalogTable> findTables(Optional<Identifier> schemaName, Identifier table) {
        return byUnqualifiedName.getOrDefault(table.text().toLowerCase(Locale.ROOT), List.of()).stream()
                .filter(entry -> table.matches(entry.table().tableName()))
                .filter(entry -> schemaName.map(name -> name.matches(entry.table().schemaName())).orElse(true))
                .map(Entry::table)
                .toList();
    }

    /** The TAP_SCHEMA description of a column this catalogue handed to the translator. */
    public Optional<ColumnDescription> describe(CatalogTable table, CatalogColumn column) {
        return Optional.ofNullable(descriptions.get(table)).flatMap(description -> description.column(column.name()));
    }
}
