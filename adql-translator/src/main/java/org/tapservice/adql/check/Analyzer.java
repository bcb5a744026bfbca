package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ColumnSource;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.tree.AllColumns;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.NestedQuery;
import org.tapservice.adql.tree.NumericLiteral;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.QueryBody;
import org.tapservice.adql.tree.QuerySpecification;
import org.tapservice.adql.tree.SelectItem;
import org.tapservice.adql.tree.SetOperation;
import org.tapservice.adql.tree.SingleColumn;
import org.tapservice.adql.tree.SortItem;
import org.tapservice.adql.tree.WithQuery;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks a parsed query against a catalogue: every table and column must exist and be
 * unambiguous, every function must be ADQL's or one the service declares, and get the right
 * number and kind of arguments. Errors carry
 * an {@link ErrorCode} and the position of the offending node.
 */
public final class Analyzer {

    private final Analysis analysis;
    private final RelationAnalyzer relations;
    private final ExpressionAnalyzer expressions;
    private final GroupingChecker grouping;

    private Analyzer(Query root, Catalog catalog, FunctionCatalog functions) {
        this.analysis = new Analysis(root);
        this.relations = new RelationAnalyzer(this, catalog, analysis);
        this.expressions = new ExpressionAnalyzer(this, analysis, functions);
        this.grouping = new GroupingChecker(analysis);
    }

    public static Analysis analyze(Query query, Catalog catalog, FunctionCatalog functions) {
        requireNonNull(query, "query is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(functions, "functions is null");
        Analyzer analyzer = new Analyzer(query, catalog, functions);
        analyzer.query(query, Environment.empty());
        return analyzer.analysis;
    }

    ExpressionAnalyzer expressions() {
        return expressions;
    }

    /** Analyzes a query in its environment and returns its output columns. */
    List<Output> query(Query query, Environment environment) {
        Environment inner = environment;
        for (WithQuery with : query.with()) {
            if (inner.commonTables().stream().anyMatch(table -> table.name().matches(with.name()))) {
                throw new AdqlException(ErrorCode.DUPLICATE_RELATION, with.location(),
                        "WITH query '" + with.name().text() + "' is defined twice");
            }
            List<Output> outputs = query(with.query(), inner);
            inner = inner.with(new Environment.CommonTable(with.name(), outputs));
        }
        Optional<Scope> scope = Optional.empty();
        List<Output> outputs;
        if (query.body() instanceof QuerySpecification specification) {
            scope = Optional.of(relations.fromClause(specification.from(), inner));
            outputs = specification(specification, scope.get(), inner);
        }
        else {
            outputs = body(query.body(), inner);
        }
        List<Expression> computedSortKeys = new ArrayList<>();
        for (SortItem item : query.orderBy()) {
            SortKey key = sortKey(item, outputs, scope, inner);
            analysis.recordSortKey(item, key);
            if (key instanceof SortKey.Computed) {
                computedSortKeys.add(item.key());
            }
        }
        if (query.body() instanceof QuerySpecification specification) {
            grouping.check(specification, outputs, computedSortKeys);
        }
        return outputs;
    }

    private List<Output> body(QueryBody body, Environment environment) {
        List<Output> outputs = switch (body) {
            case QuerySpecification specification -> {
                List<Output> columns = specification(specification, relations.fromClause(specification.from(), environment), environment);
                grouping.check(specification, columns, List.of());
                yield columns;
            }
            case NestedQuery nested -> query(nested.query(), environment);
            case SetOperation operation -> setOperation(operation, environment);
        };
        analysis.recordOutputs(body, outputs);
        return outputs;
    }

    private List<Output> setOperation(SetOperation operation, Environment environment) {
        List<Output> left = body(operation.left(), environment);
        List<Output> right = body(operation.right(), environment);
        if (left.size() != right.size()) {
            throw new AdqlException(ErrorCode.COLUMN_COUNT_MISMATCH, operation.location(),
                    operation.type() + " needs the same number of columns on both sides, not " + left.size() + " and " + right.size());
        }
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Output first = left.get(i);
            ColumnType type = Types.common(first.type(), right.get(i).type(), operation.location(), operation.type() + " column " + (i + 1));
            // Names come from the left operand, as in SQL; metadata only if both sides agree on it.
            Optional<ColumnSource> source = first.source().equals(right.get(i).source()) ? first.source() : Optional.empty();
            outputs.add(new Output(first.name(), type, source, first.value()));
        }
        return outputs;
    }

    private List<Output> specification(QuerySpecification specification, Scope scope, Environment environment) {
        OutputNames names = new OutputNames();
        List<Output> outputs = new ArrayList<>();
        for (SelectItem item : specification.select()) {
            switch (item) {
                case SingleColumn column -> {
                    ColumnType type = expressions.analyze(column.expression(), ExpressionContext.of(Clause.SELECT, scope, environment));
                    Optional<ColumnBinding.RelationColumn> plainColumn = column.expression() instanceof ColumnReference reference
                            && analysis.column(reference) instanceof ColumnBinding.RelationColumn relationColumn
                            ? Optional.of(relationColumn) : Optional.empty();
                    String name = column.alias().map(alias -> alias.text())
                            .or(() -> plainColumn.map(ColumnBinding.RelationColumn::name))
                            .orElseGet(() -> OutputNames.generated(column.expression(), outputs.size() + 1));
                    outputs.add(new Output(names.unique(name), type, plainColumn.flatMap(ColumnBinding.RelationColumn::source),
                            new Output.Value.Computed(column.expression())));
                }
                case AllColumns all -> {
                    for (ColumnBinding.RelationColumn expanded : scope.expand(all.qualifier(), all.location())) {
                        outputs.add(new Output(names.unique(expanded.name()), expanded.type(), expanded.source(),
                                new Output.Value.Expanded(expanded)));
                    }
                }
            }
        }
        specification.where().ifPresent(where -> expressions.analyzeCondition(where, ExpressionContext.of(Clause.WHERE, scope, environment)));
        ExpressionContext groupBy = ExpressionContext.of(Clause.GROUP_BY, scope, environment).withOutputAliases(outputs);
        for (Expression key : specification.groupBy()) {
            ColumnType type = expressions.analyze(key, groupBy);
            if (type.isGeometry()) {
                throw new AdqlException(ErrorCode.INVALID_GROUPING, key.location(), "GROUP BY cannot group by " + Types.describe(type));
            }
        }
        specification.having().ifPresent(having -> expressions.analyzeCondition(having, ExpressionContext.of(Clause.HAVING, scope, environment)));
        analysis.recordOutputs(specification, outputs);
        return outputs;
    }

    /** Geometries have no order, in ADQL or in pgsphere. */
    private SortKey sortKey(SortItem item, List<Output> outputs, Optional<Scope> scope, Environment environment) {
        SortKey key = resolveSortKey(item, outputs, scope, environment);
        ColumnType type = switch (key) {
            case SortKey.Position position -> outputs.get(position.position() - 1).type();
            case SortKey.OutputName name -> analysis.type(item.key());
            case SortKey.Computed ignored -> analysis.type(item.key());
        };
        if (type.isGeometry()) {
            throw new AdqlException(ErrorCode.INVALID_ORDER_BY, item.key().location(), "ORDER BY cannot sort by " + Types.describe(type));
        }
        return key;
    }

    private SortKey resolveSortKey(SortItem item, List<Output> outputs, Optional<Scope> scope, Environment environment) {
        if (item.key() instanceof NumericLiteral literal && literal.isInteger()) {
            BigInteger position = literal.integerValue();
            if (position.signum() < 1 || position.compareTo(BigInteger.valueOf(outputs.size())) > 0) {
                throw new AdqlException(ErrorCode.INVALID_ORDER_BY, literal.location(),
                        "ORDER BY position " + literal.text() + " is not in the select list (1 to " + outputs.size() + ")");
            }
            return new SortKey.Position(position.intValueExact());
        }
        if (item.key() instanceof ColumnReference reference && reference.qualifier().isEmpty()) {
            List<Output> named = outputs.stream().filter(output -> reference.name().matches(output.name())).toList();
            if (named.size() == 1) {
                analysis.recordColumn(reference, new ColumnBinding.OutputAlias(named.getFirst().name(), named.getFirst().type()));
                analysis.recordType(reference, named.getFirst().type());
                return new SortKey.OutputName(named.getFirst().name());
            }
        }
        if (scope.isEmpty()) {
            throw new AdqlException(ErrorCode.INVALID_ORDER_BY, item.key().location(),
                    "ORDER BY of a UNION, EXCEPT or INTERSECT can only name output columns or their positions");
        }
        expressions.analyze(item.key(), ExpressionContext.of(Clause.ORDER_BY, scope.get(), environment));
        return new SortKey.Computed();
    }
}
