package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One row of TAP_SCHEMA.schemas with its tables. */
public record SchemaDescription(String name, String utype, String description, List<TableDescription> tables) {

    public SchemaDescription {
        requireNonNull(name, "name is null");
        tables = List.copyOf(tables);
    }
}
