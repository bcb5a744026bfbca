package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record Not(Expression value, NodeLocation location) implements Expression {

    public Not {
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNot(this, context);
    }
}
