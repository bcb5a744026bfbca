package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** ADQL 2.1 bitwise {@code &}, {@code |} and {@code ^} (exclusive or) on integers. */
public record BitwiseBinary(Operator operator, Expression left, Expression right, NodeLocation location) implements Expression {

    public enum Operator {
        AND("&"), OR("|"), XOR("^");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The ADQL spelling. */
        public String symbol() {
            return symbol;
        }
    }

    public BitwiseBinary {
        requireNonNull(operator, "operator is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitBitwiseBinary(this, context);
    }
}
