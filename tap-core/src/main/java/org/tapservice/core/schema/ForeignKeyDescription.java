package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One row of TAP_SCHEMA.keys with its TAP_SCHEMA.key_columns. */
public record ForeignKeyDescription(String keyId, String targetTable, String utype, String description,
                                    List<ColumnPair> columns) {

    public record ColumnPair(String fromColumn, String targetColumn) {
    }

    public ForeignKeyDescription {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(targetTable, "targetTable is null");
        columns = List.copyOf(columns);
    }
}
