package org.tapservice.adql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a translated query as the service does, its parameters bound, and reads its result as
 * text: column labels and types, then the rows, so that two translations of one query can be
 * compared whole.
 */
final class BoundParameters {

    private BoundParameters() {
    }

    static List<String> result(Connection connection, TranslatedQuery query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            query.bindParameters(statement);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData metadata = rows.getMetaData();
                List<String> lines = new ArrayList<>();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    header.append(metadata.getColumnLabel(i)).append(' ').append(metadata.getColumnTypeName(i)).append(" | ");
                }
                lines.add(header.toString());
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= metadata.getColumnCount(); i++) {
                        row.append(rows.getString(i)).append(" | ");
                    }
                    lines.add(row.toString());
                }
                return lines;
            }
        }
    }
}
