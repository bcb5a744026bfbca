package org.tapservice.obscore.expr;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A parsed expression: an immutable tree whose nodes know their column in the source text. */
public sealed interface Expression {

    int column();

    /** A string, a number (always a double), true, false or null. */
    record Literal(Object value, int column) implements Expression {
    }

    /** The value of a header keyword, null when the header lacks it. */
    record Keyword(String name, int column) implements Expression {
        public Keyword {
            requireNonNull(name, "name is null");
        }
    }

    record Unary(Operator operator, Expression operand, int column) implements Expression {
    }

    record Binary(Operator operator, Expression left, Expression right, int column) implements Expression {
    }

    /** {@code condition ? then : otherwise} */
    record Conditional(Expression condition, Expression then, Expression otherwise, int column) implements Expression {
    }

    record Call(Function function, List<Expression> arguments, int column) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    enum Operator {
        NEGATE("-"), NOT("not"), AND("and"), OR("or"), ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"),
        MODULO("%"), EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
