package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record Between(Expression value, Expression min, Expression max, boolean negated, NodeLocation location) implements Expression {

    public Between {
        requireNonNull(value, "value is null");
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitBetween(this, context);
    }
}
