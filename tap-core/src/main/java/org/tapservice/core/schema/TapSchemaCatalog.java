package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.Identifier;

/**
 * The ADQL translator's view of TAP_SCHEMA: every published table as a catalogue table, and
 * the way back from a catalogue column to its TAP_SCHEMA description for result metadata.
 */
public final class TapSchemaCatalog implements DescribedCatalog {

    private final TapSchema schema;
    private final Map<String, List<CatalogTable>> byUnqualifiedName = new HashMap<>();
    /** From the catalogue's columns back to TAP_SCHEMA, for every result column's FIELD. */
    private final Map<CatalogColumn, ColumnDescription> descriptions = new IdentityHashMap<>();
    private final Set<CatalogColumn> dataLinkIds = Collections.newSetFromMap(new IdentityHashMap<>());

    public TapSchemaCatalog(TapSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        for (TableDescription table : schema.tables()) {
            List<CatalogColumn> columns = new ArrayList<>();
            for (ColumnDescription column : table.columns()) {
                CatalogColumn catalogColumn = new CatalogColumn(column.identifier(), column.sqlName(),
                        ColumnType.fromVOTable(column.datatype(), column.arraysize(), column.xtype()));
                columns.add(catalogColumn);
                descriptions.put(catalogColumn, column);
                if (schema.holdsDataLinkIds(table, column)) {
                    dataLinkIds.add(catalogColumn);
                }
            }
            CatalogTable catalogTable = new CatalogTable(table.schemaName(), table.unqualifiedName(),
                    table.sqlSchema(), table.sqlTable(), columns);
            byUnqualifiedName.computeIfAbsent(table.unqualifiedName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(catalogTable);
        }
    }

    public TapSchema schema() {
        return schema;
    }

    @Override
    public List<CatalogTable> findTables(Optional<Identifier> schemaName, Identifier table) {
        List<CatalogTable> found = new ArrayList<>(1);
        for (CatalogTable candidate : byUnqualifiedName.getOrDefault(table.text().toLowerCase(Locale.ROOT), List.of())) {
            if (table.matches(candidate.tableName())
                    && (schemaName.isEmpty() || schemaName.get().matches(candidate.schemaName()))) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** The TAP_SCHEMA description of a column this catalogue handed to the translator. */
    @Override
    public Optional<ColumnDescription> describe(CatalogColumn column) {
        return Optional.ofNullable(descriptions.get(column));
    }

    @Override
    public boolean holdsDataLinkIds(CatalogColumn column) {
        return dataLinkIds.contains(column);
    }
}
