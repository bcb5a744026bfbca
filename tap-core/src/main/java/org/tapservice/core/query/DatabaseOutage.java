package org.tapservice.core.query;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a PostgreSQL failure means the database is out of reach for now (no connection, a
 * connection lost, the server shutting down or out of resources) rather than that it refused
 * the statement. Such failures are outages: the request may be tried again once the database
 * is back, and clients are told so (503) instead of being told the service is broken.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isOutage(SQLException e) {
        // the pool's own "no connection in time" carries the last connection error's SQLSTATE, or none
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08: connection exception; 53: insufficient resources; 57P: operator intervention (shutdown)
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
    }
}
