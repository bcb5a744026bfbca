package org.tapservice.adql.tree;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** {@code SELECT [DISTINCT] [TOP n] items FROM relations [WHERE] [GROUP BY] [HAVING]}. */
public record QuerySpecification(boolean distinct, OptionalLong top, List<SelectItem> select, List<Relation> from,
                                 Optional<Expression> where, List<Expression> groupBy, Optional<Expression> having,
                                 NodeLocation location) implements QueryBody {

    public QuerySpecification {
        requireNonNull(top, "top is null");
        select = List.copyOf(requireNonNull(select, "select is null"));
        from = List.copyOf(requireNonNull(from, "from is null"));
        requireNonNull(where, "where is null");
        groupBy = List.copyOf(requireNonNull(groupBy, "groupBy is null"));
        requireNonNull(having, "having is null");
        requireNonNull(location, "location is null");
        if (select.isEmpty() || from.isEmpty()) {
            throw new IllegalArgumentException("a SELECT needs items and a FROM clause");
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQuerySpecification(this, context);
    }
}
