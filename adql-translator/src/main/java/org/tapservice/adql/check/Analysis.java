package org.tapservice.adql.check;

import org.tapservice.adql.OutputColumn;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.FunctionCall;
import org.tapservice.adql.tree.Join;
import org.tapservice.adql.tree.Node;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.QueryBody;
import org.tapservice.adql.tree.SortItem;
import org.tapservice.adql.tree.Table;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the analyzer learned about one query, for the SQL formatter: what each name
 * refers to, each expression's type, each SELECT's output columns.
 *
 * <p>Keyed by node identity, not equality: two {@code ra} written in different
 * subqueries are equal nodes that may name different columns. Filled once by the
 * {@link Analyzer}, read-only afterwards.
 */
public final class Analysis {

    private final Query root;
    private final Map<Table, TableBinding> tables = new IdentityHashMap<>();
    private final Map<ColumnReference, ColumnBinding> columns = new IdentityHashMap<>();
    // Every expression gets a type: sized for a typical query, so that the map is not rehashed
    // as it fills (rehashing showed in profiles).
    private final Map<Expression, ColumnType> types = new IdentityHashMap<>(64);
    private final Map<FunctionCall, FunctionBinding> functions = new IdentityHashMap<>();
    private final Map<FunctionCall, List<Expression>> geometryOperands = new IdentityHashMap<>();
    private final Map<QueryBody, List<Output>> outputs = new IdentityHashMap<>();
    private final Map<Join, List<String>> joinColumns = new IdentityHashMap<>();
    private final Map<SortItem, SortKey> sortKeys = new IdentityHashMap<>();
    private final Set<ColumnReference> outerReferences = Collections.newSetFromMap(new IdentityHashMap<>());

    Analysis(Query root) {
        this.root = root;
    }

    public Query root() {
        return root;
    }

    /** The result columns of the whole query, in order. */
    public List<OutputColumn> outputColumns() {
        return outputs(root.body()).stream().map(Output::toOutputColumn).toList();
    }

    public TableBinding table(Table table) {
        return lookup(tables, table);
    }

    public ColumnBinding column(ColumnReference reference) {
        return lookup(columns, reference);
    }

    public ColumnType type(Expression expression) {
        return lookup(types, expression);
    }

    public FunctionBinding function(FunctionCall call) {
        return lookup(functions, call);
    }

    /** The geometric arguments of a geometry function, without the deprecated coordinate system string. */
    public List<Expression> geometryOperands(FunctionCall call) {
        return lookup(geometryOperands, call);
    }

    public List<Output> outputs(QueryBody body) {
        return lookup(outputs, body);
    }

    /** The PostgreSQL names of the columns a USING or NATURAL join matches on. */
    public List<String> joinColumns(Join join) {
        return lookup(joinColumns, join);
    }

    public SortKey sortKey(SortItem item) {
        return lookup(sortKeys, item);
    }

    /** Whether a column reference names a column of an enclosing query (a correlated reference). */
    public boolean isOuterReference(ColumnReference reference) {
        return outerReferences.contains(reference);
    }

    void recordOuterReference(ColumnReference reference) {
        outerReferences.add(reference);
    }

    void recordTable(Table table, TableBinding binding) {
        tables.put(table, binding);
    }

    void recordColumn(ColumnReference reference, ColumnBinding binding) {
        columns.put(reference, binding);
    }

    ColumnType recordType(Expression expression, ColumnType type) {
        types.put(expression, type);
        return type;
    }

    void recordFunction(FunctionCall call, FunctionBinding function) {
        functions.put(call, function);
    }

    void recordGeometryOperands(FunctionCall call, List<Expression> operands) {
        geometryOperands.put(call, List.copyOf(operands));
    }

    void recordOutputs(QueryBody body, List<Output> columns) {
        outputs.put(body, List.copyOf(columns));
    }

    void recordJoinColumns(Join join, List<String> sqlNames) {
        joinColumns.put(join, List.copyOf(sqlNames));
    }

    void recordSortKey(SortItem item, SortKey key) {
        sortKeys.put(item, key);
    }

    private static <K extends Node, V> V lookup(Map<K, V> map, K node) {
        V value = map.get(node);
        if (value == null) {
            throw new IllegalStateException("not analyzed: " + node);
        }
        return value;
    }
}
