package org.tapservice.api.admin.publish;

import java.util.List;
import java.util.Optional;

/** A table's complete TAP_SCHEMA entry: its tables row, columns rows and keys. */
public record PublishedTable(TableName name, boolean view, Optional<String> description, Optional<String> utype,
        List<Column> columns, List<Key> keys) {

    public PublishedTable {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    /** A TAP_SCHEMA.columns row. */
    public record Column(String name, TapType type, ColumnMetadata metadata, boolean principal, boolean indexed,
            int index) {}

    /** A TAP_SCHEMA.keys row with its key_columns. */
    public record Key(String id, String fromTable, String targetTable, List<String> fromColumns,
            List<String> targetColumns) {}
}
