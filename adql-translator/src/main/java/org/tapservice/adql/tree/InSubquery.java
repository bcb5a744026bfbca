package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record InSubquery(Expression value, Query subquery, boolean negated, NodeLocation location) implements Expression {

    public InSubquery {
        requireNonNull(value, "value is null");
        requireNonNull(subquery, "subquery is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitInSubquery(this, context);
    }
}
