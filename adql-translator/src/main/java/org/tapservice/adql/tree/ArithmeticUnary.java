package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record ArithmeticUnary(Sign sign, Expression value, NodeLocation location) implements Expression {

    public enum Sign {
        PLUS("+"), MINUS("-");

        private final String symbol;

        Sign(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public ArithmeticUnary {
        requireNonNull(sign, "sign is null");
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitArithmeticUnary(this, context);
    }
}
