package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** ADQL 2.1 {@code ~x}. */
public record BitwiseNot(Expression value, NodeLocation location) implements Expression {

    public BitwiseNot {
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitBitwiseNot(this, context);
    }
}
