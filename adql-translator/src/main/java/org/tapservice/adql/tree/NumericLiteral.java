package org.tapservice.adql.tree;

import java.math.BigDecimal;
import java.math.BigInteger;

import static java.util.Objects.requireNonNull;

/** A number as written (digits kept as text, so nothing is lost to binary floating point). */
public record NumericLiteral(String text, Kind kind, NodeLocation location) implements Literal {

    public enum Kind {
        /** digits only: an exact integer */
        INTEGER,
        /** digits with a decimal point */
        DECIMAL,
        /** mantissa and exponent */
        DOUBLE,
        /** 0x followed by hexadecimal digits (ADQL 2.1): an exact integer */
        HEX
    }

    public NumericLiteral {
        requireNonNull(text, "text is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(location, "location is null");
    }

    public boolean isInteger() {
        return kind == Kind.INTEGER || kind == Kind.HEX;
    }

    /** The exact value of an {@link #isInteger() integer} literal. */
    public BigInteger integerValue() {
        return switch (kind) {
            case INTEGER -> new BigInteger(text);
            case HEX -> new BigInteger(text.substring(2), 16);
            case DECIMAL, DOUBLE -> throw new IllegalStateException("not an integer literal: " + text);
        };
    }

    /** The exact value of any literal. */
    public BigDecimal value() {
        return isInteger() ? new BigDecimal(integerValue()) : new BigDecimal(text);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNumericLiteral(this, context);
    }
}
