package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** {@code WHEN condition THEN result}: the condition is a value in a simple CASE, a search condition in a searched CASE. */
public record WhenClause(Expression condition, Expression result) {

    public WhenClause {
        requireNonNull(condition, "condition is null");
        requireNonNull(result, "result is null");
    }
}
