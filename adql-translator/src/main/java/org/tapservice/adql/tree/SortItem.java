package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** One ORDER BY key: an output column position, an output column name, or an expression. */
public record SortItem(Expression key, Ordering ordering, NodeLocation location) implements Node {

    public enum Ordering {
        ASCENDING, DESCENDING
    }

    public SortItem {
        requireNonNull(key, "key is null");
        requireNonNull(ordering, "ordering is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSortItem(this, context);
    }
}
