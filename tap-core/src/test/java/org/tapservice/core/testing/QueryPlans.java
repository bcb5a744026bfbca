package org.tapservice.core.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** PostgreSQL's plan for a statement, for tests that show which index a query uses. */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static String explain(DataSource dataSource, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
