package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

public record Exists(Query subquery, NodeLocation location) implements Expression {

    public Exists {
        requireNonNull(subquery, "subquery is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitExists(this, context);
    }
}
