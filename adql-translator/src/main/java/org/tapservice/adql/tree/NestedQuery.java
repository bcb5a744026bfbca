package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/**
 * A parenthesized query used as an operand of a set operation when it has its own
 * ORDER BY or OFFSET (otherwise the parentheses leave no trace in the tree).
 */
public record NestedQuery(Query query, NodeLocation location) implements QueryBody {

    public NestedQuery {
        requireNonNull(query, "query is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNestedQuery(this, context);
    }
}
