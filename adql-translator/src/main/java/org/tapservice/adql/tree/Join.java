package org.tapservice.adql.tree;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code left [NATURAL] type JOIN right [criteria]}; criteria are absent for CROSS JOIN only. */
public record Join(Type type, Relation left, Relation right, Optional<JoinCriteria> criteria, NodeLocation location) implements Relation {

    public enum Type {
        CROSS, INNER, LEFT, RIGHT, FULL
    }

    public Join {
        requireNonNull(type, "type is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(criteria, "criteria is null");
        requireNonNull(location, "location is null");
        if ((type == Type.CROSS) == criteria.isPresent()) {
            throw new IllegalArgumentException("CROSS JOIN takes no criteria, every other join needs them");
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitJoin(this, context);
    }
}
