package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** A subquery used as a value: one column, at most one row, NULL when it finds none. */
public record ScalarSubquery(Query query, NodeLocation location) implements Expression {

    public ScalarSubquery {
        requireNonNull(query, "query is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitScalarSubquery(this, context);
    }
}
