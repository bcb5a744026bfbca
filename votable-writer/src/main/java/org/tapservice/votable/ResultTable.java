package org.tapservice.votable;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A result to write: metadata up front, rows from a one-pass cursor.
 *
 * @param maxRows  write at most this many rows; if the cursor has one more, the result overflowed
 *                 (MAXREC). {@code Long.MAX_VALUE} means no limit.
 * @param infos    extra INFO elements written after QUERY_STATUS, before the TABLE
 */
public record ResultTable(List<ColumnMetadata> columns, RowCursor rows, long maxRows, List<Info> infos) {

    public ResultTable {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Objects.requireNonNull(rows, "rows is null");
        infos = List.copyOf(Objects.requireNonNull(infos, "infos is null"));
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows is negative: " + maxRows);
        }
        requireUniqueNames(columns);
    }

    /** A result with no row limit and no extra INFO elements. */
    public ResultTable(List<ColumnMetadata> columns, RowCursor rows) {
        this(columns, rows, Long.MAX_VALUE, List.of());
    }

    // TAP 1.1 section 4.2: FIELD names must be unique within the output table.
    private static void requireUniqueNames(List<ColumnMetadata> columns) {
        Set<String> seen = new HashSet<>();
        for (ColumnMetadata column : columns) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("duplicate column name '" + column.name() + "'");
            }
        }
    }
}
