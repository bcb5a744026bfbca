package org.tapservice.adql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** PostgreSQL text ready to run, and what JDBC column i of its result is. */
public record TranslatedQuery(String sql, List<OutputColumn> columns) {

    public TranslatedQuery {
        requireNonNull(sql, "sql is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
