package org.tapservice.adql;

import org.tapservice.adql.catalog.ColumnType;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One column of the result, in select-list order; {@code name} is also its quoted alias in the SQL. */
public record OutputColumn(String name, ColumnType type, Optional<ColumnSource> source) {

    public OutputColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
    }
}
