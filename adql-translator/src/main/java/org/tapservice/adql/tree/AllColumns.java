package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code *} (empty qualifier) or {@code qualifier.*}. */
public record AllColumns(List<Identifier> qualifier, NodeLocation location) implements SelectItem {

    public AllColumns {
        qualifier = List.copyOf(requireNonNull(qualifier, "qualifier is null"));
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitAllColumns(this, context);
    }
}
