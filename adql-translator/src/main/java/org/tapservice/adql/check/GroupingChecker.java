package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.tree.Aggregate;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.Expressions;
import org.tapservice.adql.tree.QuerySpecification;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules PostgreSQL would otherwise enforce with a raw SQL error: in a grouped
 * query (GROUP BY, or an aggregate anywhere), every column used outside an aggregate
 * must be grouped; with SELECT DISTINCT, ORDER BY may only use what is selected.
 */
final class GroupingChecker {

    private final Analysis analysis;

    GroupingChecker(Analysis analysis) {
        this.analysis = analysis;
    }

    void check(QuerySpecification specification, List<Output> outputs, List<Expression> computedSortKeys) {
        List<Expression> selected = outputs.stream()
                .map(Output::value)
                .filter(Output.Value.Computed.class::isInstance)
                .map(value -> ((Output.Value.Computed) value).expression())
                .toList();
        boolean grouped = !specification.groupBy().isEmpty()
                || selected.stream().anyMatch(this::containsAggregate)
                || specification.having().isPresent()
                || computedSortKeys.stream().anyMatch(this::containsAggregate);
        if (grouped) {
            List<Expression> keys = groupingKeys(specification, outputs);
            for (Output output : outputs) {
                if (output.value() instanceof Output.Value.Expanded) {
                    throw new AdqlException(ErrorCode.INVALID_GROUPING, specification.location(),
                            "SELECT * cannot be used with GROUP BY or aggregate functions: name the grouped columns");
                }
            }
            selected.forEach(expression -> checkGrouped(expression, keys));
            specification.having().ifPresent(having -> checkGrouped(having, keys));
            computedSortKeys.forEach(key -> checkGrouped(key, keys));
        }
        if (specification.distinct()) {
            for (Expression key : computedSortKeys) {
                if (selected.stream().noneMatch(expression -> same(expression, key))) {
                    throw new AdqlException(ErrorCode.INVALID_ORDER_BY, key.location(),
                            "with SELECT DISTINCT, ORDER BY can only use what is selected");
                }
            }
        }
    }

    /** The GROUP BY expressions; grouping by an output alias groups by the aliased expression. */
    private List<Expression> groupingKeys(QuerySpecification specification, List<Output> outputs) {
        List<Expression> keys = new ArrayList<>();
        for (Expression key : specification.groupBy()) {
            if (key instanceof ColumnReference reference && analysis.column(reference) instanceof ColumnBinding.OutputAlias alias) {
                outputs.stream()
                        .filter(output -> output.name().equals(alias.outputName()))
                        .forEach(output -> keys.add(output.value() instanceof Output.Value.Computed computed ? computed.expression() : key));
            }
            else {
                keys.add(key);
            }
        }
        return keys;
    }

    private void checkGrouped(Expression expression, List<Expression> keys) {
        if (keys.stream().anyMatch(key -> same(key, expression)) || expression instanceof Aggregate) {
            return;
        }
        if (expression instanceof ColumnReference reference) {
            if (analysis.column(reference) instanceof ColumnBinding.RelationColumn && !analysis.isOuterReference(reference)) {
                throw new AdqlException(ErrorCode.INVALID_GROUPING, reference.location(), "Column '" + reference.displayName()
                        + "' must appear in GROUP BY or be used in an aggregate function");
            }
            return;
        }
        Expressions.children(expression).forEach(child -> checkGrouped(child, keys));
    }

    /** Structurally equal, or column references naming the same column (ra and s.ra). */
    private boolean same(Expression first, Expression second) {
        if (first instanceof ColumnReference one && second instanceof ColumnReference other) {
            return analysis.column(one).equals(analysis.column(other));
        }
        return first.equals(second);
    }

    private boolean containsAggregate(Expression expression) {
        return expression instanceof Aggregate || Expressions.children(expression).stream().anyMatch(this::containsAggregate);
    }
}
