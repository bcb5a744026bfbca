package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.tree.ArithmeticUnary;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.NumericLiteral;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Coordinates written as literals, checked against DALI's limits (ADQL 2.1 section 4.2.3) and
 * pgsphere's: left alone, pgsphere moves a latitude of 95 degrees over the pole without a word,
 * and refuses a circle of more than 90 degrees radius with an internal error. Values computed
 * from columns cannot be checked before the query runs.
 */
final class CoordinateLimits {

    private static final BigDecimal RIGHT_ANGLE = BigDecimal.valueOf(90);

    private CoordinateLimits() {
    }

    /** Numbers given as longitude, latitude pairs: every second one is a latitude. */
    static void pairs(List<Expression> numbers) {
        for (int i = 1; i < numbers.size(); i += 2) {
            Expression latitude = numbers.get(i);
            literal(latitude).filter(value -> value.abs().compareTo(RIGHT_ANGLE) > 0).ifPresent(value -> {
                throw new AdqlException(ErrorCode.INVALID_LITERAL, latitude.location(),
                        "latitude " + value.toPlainString() + " is not between -90 and 90 degrees");
            });
        }
    }

    static void radius(Expression radius) {
        Optional<BigDecimal> value = literal(radius);
        if (value.isPresent() && value.get().signum() < 0) {
            throw new AdqlException(ErrorCode.INVALID_LITERAL, radius.location(), "the radius of a CIRCLE cannot be negative");
        }
        if (value.isPresent() && value.get().compareTo(RIGHT_ANGLE) > 0) {
            throw new AdqlException(ErrorCode.NOT_SUPPORTED, radius.location(),
                    "circles of more than 90 degrees radius are not supported");
        }
    }

    /** The value of a number written out, with or without a sign. */
    private static Optional<BigDecimal> literal(Expression expression) {
        return switch (expression) {
            case NumericLiteral literal -> Optional.of(literal.value());
            case ArithmeticUnary unary when unary.value() instanceof NumericLiteral literal ->
                    Optional.of(unary.sign() == ArithmeticUnary.Sign.MINUS ? literal.value().negate() : literal.value());
            default -> Optional.empty();
        };
    }
}
