package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record LogicalBinary(Operator operator, Expression left, Expression right, NodeLocation location) implements Expression {

    public enum Operator {
        AND, OR
    }

    public LogicalBinary {
        requireNonNull(operator, "operator is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLogicalBinary(this, context);
    }
}
