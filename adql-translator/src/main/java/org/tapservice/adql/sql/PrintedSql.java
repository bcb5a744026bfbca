package org.tapservice.adql.sql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** SQL text and the values of its {@code ?} parameters, in order. */
public record PrintedSql(String sql, List<Object> parameters) {

    public PrintedSql {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
