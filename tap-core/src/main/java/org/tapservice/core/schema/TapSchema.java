package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A snapshot of TAP_SCHEMA: what the service publishes, in the order TAP_SCHEMA's
 * schema_index, table_index and column_index give.
 */
public final class TapSchema {

    /** A published column by its table's and its own name, as tap_links.id_columns names it. */
    public record ColumnName(String tableName, String columnName) {

        public ColumnName {
            requireNonNull(tableName, "tableName is null");
            requireNonNull(columnName, "columnName is null");
        }
    }

    private final List<SchemaDescription> schemas;
    private final Map<String, TableDescription> tablesByName;
    private final Set<ColumnName> dataLinkIdColumns;

    public TapSchema(List<SchemaDescription> schemas) {
        this(schemas, Set.of());
    }

    /** @param dataLinkIdColumns the columns whose values are identifiers the {links} endpoint knows */
    public TapSchema(List<SchemaDescription> schemas, Set<ColumnName> dataLinkIdColumns) {
        this.schemas = List.copyOf(schemas);
        this.dataLinkIdColumns = dataLinkIdColumns.stream()
                .map(name -> new ColumnName(name.tableName().toLowerCase(Locale.ROOT),
                        ColumnDescription.undelimited(name.columnName())))
                .collect(Collectors.toUnmodifiableSet());
        this.tablesByName = this.schemas.stream()
                .flatMap(schema -> schema.tables().stream())
                .collect(Collectors.toUnmodifiableMap(table -> table.name().toLowerCase(Locale.ROOT),
                        Function.identity(), (first, second) -> first));
    }

    public List<SchemaDescription> schemas() {
        return schemas;
    }

    /** A table by its published name, compared without case as ADQL's regular identifiers are. */
    public Optional<TableDescription> table(String name) {
        return Optional.ofNullable(tablesByName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether the column's values are identifiers the DataLink {links} endpoint knows. */
    public boolean holdsDataLinkIds(TableDescription table, ColumnDescription column) {
        return dataLinkIdColumns.contains(new ColumnName(table.name().toLowerCase(Locale.ROOT), column.identifier()));
    }

    public List<TableDescription> tables() {
        return schemas.stream().flatMap(schema -> schema.tables().stream()).toList();
    }
}
