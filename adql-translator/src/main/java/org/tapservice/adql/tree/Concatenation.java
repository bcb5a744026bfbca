package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** {@code left || right}. */
public record Concatenation(Expression left, Expression right, NodeLocation location) implements Expression {

    public Concatenation {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitConcatenation(this, context);
    }
}
