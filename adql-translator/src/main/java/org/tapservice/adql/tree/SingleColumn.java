package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code expression [AS alias]}. */
public record SingleColumn(Expression expression, Optional<Identifier> alias, NodeLocation location) implements SelectItem {

    public SingleColumn {
        requireNonNull(expression, "expression is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSingleColumn(this, context);
    }
}
