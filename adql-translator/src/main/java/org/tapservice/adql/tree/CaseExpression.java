package org.tapservice.adql.tree;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A simple CASE (with an operand) or a searched CASE (without). */
public record CaseExpression(Optional<Expression> operand, List<WhenClause> whenClauses, Optional<Expression> elseValue,
                             NodeLocation location) implements Expression {

    public CaseExpression {
        requireNonNull(operand, "operand is null");
        whenClauses = List.copyOf(requireNonNull(whenClauses, "whenClauses is null"));
        requireNonNull(elseValue, "elseValue is null");
        requireNonNull(location, "location is null");
        if (whenClauses.isEmpty()) {
            throw new IllegalArgumentException("CASE needs at least one WHEN");
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitCaseExpression(this, context);
    }
}
