package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** A character string literal; {@code value} is unescaped (no surrounding or doubled quotes). */
public record StringLiteral(String value, NodeLocation location) implements Literal {

    public StringLiteral {
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitStringLiteral(this, context);
    }
}
