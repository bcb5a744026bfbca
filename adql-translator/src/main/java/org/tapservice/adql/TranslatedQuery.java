package org.tapservice.adql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * PostgreSQL text ready to run, the values of its {@code ?} parameters in order (see
 * {@link LiteralBinding}: {@code Integer}, {@code Long} or {@code BigDecimal}, which JDBC sends as
 * integer, bigint and numeric), what JDBC column i of its result is, and the most rows it can
 * return (its outer LIMIT; empty when unbounded), which tells the caller whether the result
 * can be large enough to need a cursor.
 */
public record TranslatedQuery(String sql, List<Object> parameters, List<OutputColumn> columns, OptionalLong maxRows) {

    public TranslatedQuery {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(maxRows, "maxRows is null");
    }

    /** Sets the parameters on a statement prepared from {@link #sql()}. */
    public void bindParameters(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
