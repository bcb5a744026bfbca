package org.tapservice.adql.tree;

import static java.util.Objects.requireNonNull;

/** {@code left UNION|EXCEPT|INTERSECT [ALL] right}; {@code all} keeps duplicates. */
public record SetOperation(Type type, boolean all, QueryBody left, QueryBody right, NodeLocation location) implements QueryBody {

    public enum Type {
        UNION, EXCEPT, INTERSECT
    }

    public SetOperation {
        requireNonNull(type, "type is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSetOperation(this, context);
    }
}
