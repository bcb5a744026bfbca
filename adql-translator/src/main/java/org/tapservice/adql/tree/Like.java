package org.tapservice.adql.tree;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code LIKE}, or {@code ILIKE} when {@code caseInsensitive}. */
public record Like(Expression value, Expression pattern, Optional<Expression> escape, boolean caseInsensitive, boolean negated,
                   NodeLocation location) implements Expression {

    public Like {
        requireNonNull(value, "value is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(escape, "escape is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLike(this, context);
    }
}
