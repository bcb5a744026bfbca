package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record NullLiteral(NodeLocation location) implements Literal {

    public NullLiteral {
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNullLiteral(this, context);
    }
}
