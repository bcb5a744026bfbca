package org.tapservice.obscore.expr;

import java.util.ArrayList;
import java.util.Optional;

import org.tapservice.obscore.fits.Card;
import org.tapservice.obscore.fits.FitsHeader;

/**
 * One evaluation of one expression against one header, counting the nodes it evaluates.
 * Arithmetic on null gives null (a missing keyword makes the field missing, not zero);
 * comparisons with null are false; {@code and}/{@code or} and the conditional evaluate only the
 * branch they need.
 */
final class Evaluation {

    private final FitsHeader header;
    private final ExpressionLimits limits;
    private int steps;
    private int column;

    Evaluation(FitsHeader header, ExpressionLimits limits) {
        this.header = header;
        this.limits = limits;
    }

    Object evaluate(Expression expression) {
        if (++steps > limits.maxSteps()) {
            throw new ExpressionException("evaluation took more than " + limits.maxSteps() + " steps", expression.column());
        }
        column = expression.column();
        return switch (expression) {
            case Expression.Literal literal -> literal.value();
            case Expression.Keyword keyword -> keyword(keyword.name());
            case Expression.Unary unary -> unary(unary);
            case Expression.Binary binary -> binary(binary);
            case Expression.Conditional conditional -> truth(evaluate(conditional.condition()), conditional.condition())
                    ? evaluate(conditional.then()) : evaluate(conditional.otherwise());
            case Expression.Call call -> {
                var arguments = new ArrayList<Object>(call.arguments().size());
                for (Expression argument : call.arguments()) {
                    arguments.add(evaluate(argument));
                }
                column = call.column();
                Object result = call.function().apply(arguments, this);
                if (result instanceof String s) {
                    checkLength(s.length());
                }
                yield result;
            }
        };
    }

    /** A keyword's value: text, a number (as a double), a truth value, or null when absent. */
    Object keyword(String name) {
        Optional<Card> card = header.card(name);
        if (card.isEmpty() || card.get().value() == null) {
            return null;
        }
        return switch (card.get().value()) {
            case Long l -> l.doubleValue();
            case String s -> s.strip();
            case Object other -> other;
        };
    }

    void checkLength(long length) {
        if (length > limits.maxStringLength()) {
            throw error("a text longer than " + limits.maxStringLength() + " characters would be built");
        }
    }

    ExpressionException error(String message) {
        return new ExpressionException(message, column);
    }

    private Object unary(Expression.Unary unary) {
        Object operand = evaluate(unary.operand());
        return switch (unary.operator()) {
            case NEGATE -> operand == null ? null : -number(operand, unary.operand());
            case NOT -> operand == null ? null : !truth(operand, unary.operand());
            default -> throw new IllegalStateException("not a unary operator: " + unary.operator());
        };
    }

    private Object binary(Expression.Binary binary) {
        switch (binary.operator()) {
            case AND -> {
                Object left = evaluate(binary.left());
                if (left != null && !truth(left, binary.left())) {
                    return false;
                }
                Object right = evaluate(binary.right());
                return left == null || right == null ? (right != null && !truth(right, binary.right()) ? false : null)
                        : truth(right, binary.right());
            }
            case OR -> {
                Object left = evaluate(binary.left());
                if (left != null && truth(left, binary.left())) {
                    return true;
                }
                Object right = evaluate(binary.right());
                return left == null || right == null ? (right != null && truth(right, binary.right()) ? true : null)
                        : truth(right, binary.right());
            }
            default -> {
                // both operands below
            }
        }
        Object left = evaluate(binary.left());
        Object right = evaluate(binary.right());
        column = binary.column();
        return switch (binary.operator()) {
            case EQUAL -> left != null && right != null && equal(left, right);
            case NOT_EQUAL -> left != null && right != null && !equal(left, right);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> compare(binary, left, right);
            default -> arithmetic(binary, left, right);
        };
    }

    private Object arithmetic(Expression.Binary binary, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        double a = number(left, binary.left());
        double b = number(right, binary.right());
        return switch (binary.operator()) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case MODULO -> a % b;
            default -> throw new IllegalStateException("not arithmetic: " + binary.operator());
        };
    }

    private Object compare(Expression.Binary binary, Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        int order;
        if (left instanceof String a && right instanceof String b) {
            order = a.compareTo(b);
        } else {
            order = Double.compare(number(left, binary.left()), number(right, binary.right()));
        }
        return switch (binary.operator()) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            default -> order >= 0;
        };
    }

    private static boolean equal(Object left, Object right) {
        if (left instanceof String a && right instanceof String b) {
            return a.strip().equals(b.strip());
        }
        return left.equals(right);
    }

    private double number(Object value, Expression where) {
        if (value instanceof Double d) {
            return d;
        }
        throw new ExpressionException("a number is needed here, not " + Values.describe(value)
                + " (num() reads a number from text)", where.column());
    }

    private boolean truth(Object value, Expression where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        throw new ExpressionException("a truth value is needed here, not " + Values.describe(value), where.column());
    }
}
