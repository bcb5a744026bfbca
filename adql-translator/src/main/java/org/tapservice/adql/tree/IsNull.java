package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record IsNull(Expression value, boolean negated, NodeLocation location) implements Expression {

    public IsNull {
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitIsNull(this, context);
    }
}
