package org.tapservice.adql;

/**
 * How the numbers written in a query reach PostgreSQL.
 *
 * <p>Each distinct SQL text costs PostgreSQL a parse and the JDBC driver a new statement, so
 * queries that differ only in their numbers (cone searches at other positions, lookups of other
 * identifiers) are far cheaper as one text with parameters: the driver prepares it once per
 * connection and the server skips parsing. A parameter is typed as PostgreSQL types the
 * literal it replaces ({@code integer}, {@code bigint}, else {@code numeric}), so operators,
 * functions and result types resolve as for the literal.
 */
public enum LiteralBinding {

    /** Numbers are written into the SQL text: for people, logs and plans shown. */
    INLINE,

    /**
     * Numbers in WHERE and ON conditions are sent as parameters. Never those in a select list,
     * GROUP BY, HAVING or ORDER BY: PostgreSQL matches those clauses' expressions against each
     * other as written, and two parameters are two different expressions to it even when their
     * values are equal.
     */
    PARAMETERS
}
