package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** A derived table {@code (query)}; ADQL requires it to be aliased, so it always sits in an {@link AliasedRelation}. */
public record TableSubquery(Query query, NodeLocation location) implements Relation {

    public TableSubquery {
        requireNonNull(query, "query is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTableSubquery(this, context);
    }
}
