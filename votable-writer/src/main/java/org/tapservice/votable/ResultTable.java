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
 * @param services service descriptors written after the results RESOURCE (VOTable only); their
 *                 input parameters may refer to columns of this table by name
 */
public record ResultTable(List<ColumnMetadata> columns, RowCursor rows, long maxRows, List<Info> infos,
                          List<ServiceDescriptor> services) {

    public ResultTable {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Objects.requireNonNull(rows, "rows is null");
        infos = List.copyOf(Objects.requireNonNull(infos, "infos is null"));
        services = List.copyOf(Objects.requireNonNull(services, "services is null"));
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows is negative: " + maxRows);
        }
        requireUniqueNames(columns);
        requireKnownColumns(services, columns);
    }

    /** A result that describes no services. */
    public ResultTable(List<ColumnMetadata> columns, RowCursor rows, long maxRows, List<Info> infos) {
        this(columns, rows, maxRows, infos, List.of());
    }

    /** A result with no row limit and no extra INFO elements. */
    public ResultTable(List<ColumnMetadata> columns, RowCursor rows) {
        this(columns, rows, Long.MAX_VALUE, List.of(), List.of());
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

    // A ref to no FIELD would leave the client with a parameter it cannot fill.
    private static void requireKnownColumns(List<ServiceDescriptor> services, List<ColumnMetadata> columns) {
        Set<String> names = new HashSet<>();
        columns.forEach(column -> names.add(column.name()));
        for (ServiceDescriptor service : services) {
            for (ServiceParam param : service.inputParams()) {
                if (param.column() != null && !names.contains(param.column())) {
                    throw new IllegalArgumentException("service parameter '" + param.name()
                            + "' refers to column '" + param.column() + "', which the result does not have");
                }
            }
        }
    }
}
