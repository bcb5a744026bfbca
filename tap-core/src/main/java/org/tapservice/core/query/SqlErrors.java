package org.tapservice.core.query;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * Turns PostgreSQL's failures into messages a user can act on. Only the primary message of a
 * data exception (division by zero, a value out of range) or of a cardinality violation (a
 * subquery used as a value finding several rows) is passed on verbatim: it speaks of the user's
 * query and values. Everything else is named by its class, never with database internals.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static TapException toTapException(SQLException e) {
        Failure failure = classify(e);
        return new TapException(failure.kind(), failure.message(), e);
    }

    static String describe(SQLException e) {
        return classify(e).message();
    }

    /** What a failure means for the user: one decision per SQLSTATE class, message and status together. */
    private record Failure(ErrorKind kind, String message) {
    }

    private static Failure classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57014")) {
            return new Failure(ErrorKind.INVALID_REQUEST, "the query was cancelled: it ran longer than this service's"
                    + " time limit (use an async job for long queries, or narrow the query)");
        }
        if (state.startsWith("22") || state.startsWith("21")) {
            return new Failure(ErrorKind.INVALID_REQUEST, "the query failed on the data: " + primaryMessage(e));
        }
        if (state.equals("XX000") && isGeometryRefusal(primaryMessage(e))) {
            // pgsphere reports a computed circle or position out of range as an internal error;
            // the query's values are at fault, which the translator can check only for literals
            return new Failure(ErrorKind.INVALID_REQUEST, "a geometry the query computes is not valid: "
                    + primaryMessage(e));
        }
        if (state.equals("0A000")) {
            // valid ADQL that PostgreSQL cannot plan, e.g. a FULL JOIN on an inequality: the
            // client can rewrite the query, and PostgreSQL's own words say what to change
            return new Failure(ErrorKind.INVALID_REQUEST, "the database cannot run this query as written: "
                    + primaryMessage(e));
        }
        if (state.equals("42846") || state.equals("42804")) {
            // cannot_coerce, datatype_mismatch: types ADQL leaves to the database that do not
            // fit together, e.g. a CASE whose branches are a CIRCLE and a POLYGON; an undefined
            // function (42883) stays a fault, since the translator only calls functions it knows
            return new Failure(ErrorKind.INVALID_REQUEST, "the query combines values of types that do not fit"
                    + " together: " + primaryMessage(e));
        }
        if (state.startsWith("54")) {
            // program_limit_exceeded: too many columns, too complex a statement; the query's size
            // is at fault, and PostgreSQL's words say which limit
            return new Failure(ErrorKind.INVALID_REQUEST, "the query is larger than the database can run: "
                    + primaryMessage(e));
        }
        if (DatabaseOutage.isOutage(e)) {
            return new Failure(ErrorKind.UNAVAILABLE,
                    "the archive database is not available at the moment; please try again later");
        }
        return new Failure(ErrorKind.SERVICE_FAILURE, "the query could not be run because of an internal error"
                + " (SQLSTATE " + state + "); please report the query to the service operators");
    }

    /**
     * The messages pgsphere gives for geometry it cannot build, in place of an SQLSTATE of their
     * own; "sphere" is the prefix of its C functions, which some messages begin with
     * ("spherepoly_from_array: more than two points needed").
     */
    private static final List<String> GEOMETRY_REFUSALS = List.of("radius must be", "latitude", "polygon",
            "sphere", "spoint", "scircle", "sbox", "spoly", "sline", "sellipse");

    private static boolean isGeometryRefusal(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return GEOMETRY_REFUSALS.stream().anyMatch(text::contains);
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
