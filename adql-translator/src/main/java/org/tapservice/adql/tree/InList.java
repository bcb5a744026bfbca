package org.tapservice.adql.tree;

import java.util.List;

import static java.util.Objects.requireNonNull;

public record InList(Expression value, List<Expression> values, boolean negated, NodeLocation location) implements Expression {

    public InList {
        requireNonNull(value, "value is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(location, "location is null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one value");
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitInList(this, context);
    }
}
