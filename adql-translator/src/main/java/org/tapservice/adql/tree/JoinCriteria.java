package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** How two joined relations are matched. */
public sealed interface JoinCriteria {

    record On(Expression condition) implements JoinCriteria {
        public On {
            requireNonNull(condition, "condition is null");
        }
    }

    record Using(List<Identifier> columns) implements JoinCriteria {
        public Using {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("USING needs at least one column");
            }
        }
    }

    /** NATURAL: the columns of the same name in both relations. */
    record Natural() implements JoinCriteria {
    }
}
