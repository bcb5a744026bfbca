package org.tapservice.adql.check;

import org.tapservice.adql.ColumnSource;
import org.tapservice.adql.OutputColumn;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.tree.Expression;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One output column of a SELECT, after * is expanded and names are made unique. */
public record Output(String name, ColumnType type, Optional<ColumnSource> source, Value value) {

    /** Where the value comes from: an expression of the select list, or a column a * stands for. */
    public sealed interface Value {
        record Computed(Expression expression) implements Value {
            public Computed {
                requireNonNull(expression, "expression is null");
            }
        }

        record Expanded(ColumnBinding.RelationColumn column) implements Value {
            public Expanded {
                requireNonNull(column, "column is null");
            }
        }
    }

    public Output {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(value, "value is null");
    }

    public OutputColumn toOutputColumn() {
        return new OutputColumn(name, type, source);
    }
}
