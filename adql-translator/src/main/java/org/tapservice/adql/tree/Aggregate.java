package org.tapservice.adql.tree;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A set function; {@code COUNT(*)} has no argument. */
public record Aggregate(Function function, boolean distinct, Optional<Expression> argument, NodeLocation location) implements Expression {

    public enum Function {
        COUNT, SUM, AVG, MIN, MAX
    }

    public Aggregate {
        requireNonNull(function, "function is null");
        requireNonNull(argument, "argument is null");
        requireNonNull(location, "location is null");
        if (argument.isEmpty() && (function != Function.COUNT || distinct)) {
            throw new IllegalArgumentException("only COUNT(*) has no argument");
        }
    }

    public boolean isCountAll() {
        return argument.isEmpty();
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitAggregate(this, context);
    }
}
