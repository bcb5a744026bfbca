package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import static java.util.Objects.requireNonNull;

/** One common table expression: {@code name AS (query)}. */
public record WithQuery(Identifier name, Query query, NodeLocation location) implements Node {

    public WithQuery {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitWithQuery(this, context);
    }
}
