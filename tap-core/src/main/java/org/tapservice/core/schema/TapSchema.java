package org.tapservice.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A snapshot of TAP_SCHEMA: what the service publishes, in the order TAP_SCHEMA's
 * schema_index, table_index and column_index give.
 */
public final class TapSchema {

    private final List<SchemaDescription> schemas;
    private final Map<String, TableDescription> tablesByName;

    public TapSchema(List<SchemaDescription> schemas) {
        this.schemas = List.copyOf(schemas);
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

    public List<TableDescription> tables() {
        return schemas.stream().flatMap(schema -> schema.tables().stream()).toList();
    }
}
