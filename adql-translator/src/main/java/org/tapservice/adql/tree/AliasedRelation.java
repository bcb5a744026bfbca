package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import static java.util.Objects.requireNonNull;

/** {@code relation [AS] alias}. */
public record AliasedRelation(Relation relation, Identifier alias, NodeLocation location) implements Relation {

    public AliasedRelation {
        requireNonNull(relation, "relation is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitAliasedRelation(this, context);
    }
}
