package org.tapservice.adql.tree;

import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A complete query: {@code [WITH ...] body [ORDER BY ...] [OFFSET n]}. TOP belongs to the
 * SELECT it is written in ({@link QuerySpecification#top()}).
 */
public record Query(List<WithQuery> with, QueryBody body, List<SortItem> orderBy, OptionalLong offset,
                    NodeLocation location) implements Node {

    public Query {
        with = List.copyOf(requireNonNull(with, "with is null"));
        requireNonNull(body, "body is null");
        orderBy = List.copyOf(requireNonNull(orderBy, "orderBy is null"));
        requireNonNull(offset, "offset is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQuery(this, context);
    }
}
