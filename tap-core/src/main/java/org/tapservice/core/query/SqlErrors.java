package org.tapservice.core.query;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * Turns PostgreSQL's failures into messages a user can act on. Only the primary message of a
 * data exception (division by zero, a value out of range) is passed on verbatim: it speaks of
 * the user's values. Everything else is named by its class, never with database internals.
 */
final class SqlErrors {

    private SqlErrors() {
    }

    static TapException toTapException(SQLException e) {
        return new TapException(kind(e), describe(e), e);
    }

    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57014")) {
            return "the query was cancelled: it ran longer than this service's time limit "
                    + "(use an async job for long queries, or narrow the query)";
        }
        if (state.startsWith("22")) {
            return "the query failed on the data: " + primaryMessage(e);
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
            return "the archive database is not available at the moment; please try again later";
        }
        return "the query could not be run because of an internal error (SQLSTATE " + state
                + "); please report the query to the service operators";
    }

    private static ErrorKind kind(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57014") || state.startsWith("22")) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
            return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.SERVICE_FAILURE;
    }

    private static String primaryMessage(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return e.getMessage();
    }
}
