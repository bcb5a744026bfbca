package org.tapservice.adql;

import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * PostgreSQL text ready to run, what JDBC column i of its result is, and the most rows it can
 * return (its outer LIMIT; empty when unbounded), which tells the caller whether the result
 * can be large enough to need a cursor.
 */
public record TranslatedQuery(String sql, List<OutputColumn> columns, OptionalLong maxRows) {

    public TranslatedQuery {
        requireNonNull(sql, "sql is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(maxRows, "maxRows is null");
    }
}
