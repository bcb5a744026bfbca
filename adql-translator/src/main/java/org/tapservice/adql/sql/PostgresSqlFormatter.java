package org.tapservice.adql.sql;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.LiteralBinding;
import org.tapservice.adql.check.Analysis;
import org.tapservice.adql.check.Output;
import org.tapservice.adql.check.SortKey;
import org.tapservice.adql.check.TableBinding;
import org.tapservice.adql.tree.AliasedRelation;
import org.tapservice.adql.tree.Join;
import org.tapservice.adql.tree.JoinCriteria;
import org.tapservice.adql.tree.NestedQuery;
import org.tapservice.adql.tree.Node;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.QueryBody;
import org.tapservice.adql.tree.QuerySpecification;
import org.tapservice.adql.tree.Relation;
import org.tapservice.adql.tree.SetOperation;
import org.tapservice.adql.tree.SortItem;
import org.tapservice.adql.tree.Table;
import org.tapservice.adql.tree.TableSubquery;
import org.tapservice.adql.tree.WithQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;
import static org.tapservice.adql.sql.SqlText.identifier;
import static org.tapservice.adql.sql.SqlText.qualifiedName;

/**
 * Prints an analyzed query as PostgreSQL + pgsphere SQL. Every name comes from the
 * catalogue or is a quoted alias; every output column gets its output name as a quoted
 * alias, so JDBC column i is output column i. Expressions are printed by
 * {@link PostgresExpressionFormatter}; anything it does not know is refused, not guessed.
 * Geometry in the result itself (not in subqueries, which feed other pgsphere
 * expressions) is turned into its DALI form by {@link GeometryFormatter#dali}.
 */
public final class PostgresSqlFormatter {

    private final Analysis analysis;
    private final LiteralParameters parameters;
    private final PostgresExpressionFormatter expressions;

    private PostgresSqlFormatter(Analysis analysis, LiteralParameters parameters) {
        this.analysis = analysis;
        this.parameters = parameters;
        this.expressions = new PostgresExpressionFormatter(analysis, this, parameters);
    }

    /**
     * @param rowLimit at most this many rows (the caller's MAXREC + 1), combined with the
     *                 query's own TOP: the SQL gets LIMIT min(TOP, rowLimit)
     */
    public static PrintedSql format(Analysis analysis, OptionalLong rowLimit, LiteralBinding binding) {
        requireNonNull(analysis, "analysis is null");
        requireNonNull(rowLimit, "rowLimit is null");
        requireNonNull(binding, "binding is null");
        LiteralParameters parameters = new LiteralParameters(binding == LiteralBinding.PARAMETERS);
        String sql = new PostgresSqlFormatter(analysis, parameters).query(analysis.root(), rowLimit, true);
        if (parameters.tooMany()) {
            return format(analysis, rowLimit, LiteralBinding.INLINE);
        }
        return parameters.resolve(sql);
    }

    /** A query nested in another: a subquery, a derived table or a common table expression. */
    String query(Query query, OptionalLong rowLimit) {
        return query(query, rowLimit, false);
    }

    /**
     * @param result whether the query's rows are the result itself, whose geometry columns
     *               are written in their DALI form
     */
    private String query(Query query, OptionalLong rowLimit, boolean result) {
        StringBuilder sql = new StringBuilder();
        if (!query.with().isEmpty()) {
            List<String> named = new ArrayList<>();
            for (WithQuery with : query.with()) {
                named.add(identifier(with.name().text()) + " AS (" + query(with.query(), OptionalLong.empty()) + ")");
            }
            sql.append("WITH ").append(String.join(", ", named)).append(' ');
        }
        OptionalLong limit = outerLimit(query, rowLimit);
        if (query.body() instanceof QuerySpecification specification) {
            sql.append(specification(specification, result));
        }
        else if (query.body() instanceof SetOperation operation) {
            sql.append(setOperation(operation, result));
        }
        else {
            sql.append(setOperand(query.body(), result));
        }
        if (!query.orderBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (SortItem item : query.orderBy()) {
                keys.add(parameters.inline(() -> sortKey(item)) + (item.ordering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC"));
            }
            sql.append(" ORDER BY ").append(String.join(", ", keys));
        }
        limit.ifPresent(rows -> sql.append(" LIMIT ").append(rows));
        query.offset().ifPresent(rows -> sql.append(" OFFSET ").append(rows));
        return sql.toString();
    }

    /** The LIMIT a query gets: the caller's row limit combined with the query's own TOP. */
    public static OptionalLong outerLimit(Query query, OptionalLong rowLimit) {
        return query.body() instanceof QuerySpecification specification
                ? smaller(specification.top(), rowLimit)
                : rowLimit;
    }

    private static OptionalLong smaller(OptionalLong first, OptionalLong second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : OptionalLong.of(Math.min(first.getAsLong(), second.getAsLong()));
    }

    private String sortKey(SortItem item) {
        return switch (analysis.sortKey(item)) {
            case SortKey.Position position -> String.valueOf(position.position());
            case SortKey.OutputName name -> identifier(name.outputName());
            case SortKey.Computed ignored -> expressions.key(item.key());
        };
    }

    /** A query body standing alone or as an operand of a set operation: always parenthesized, so TOP stays with its SELECT. */
    private String setOperand(QueryBody body, boolean result) {
        return switch (body) {
            case QuerySpecification specification -> "(" + specification(specification, result)
                    + specification.top().stream().mapToObj(top -> " LIMIT " + top).findFirst().orElse("") + ")";
            case SetOperation operation -> "(" + setOperation(operation, result) + ")";
            case NestedQuery nested -> "(" + query(nested.query(), OptionalLong.empty(), result) + ")";
        };
    }

    private String setOperation(SetOperation operation, boolean result) {
        if (!operation.all() && !result) {
            refuseDistinctGeometry(operation, operation.type().name());
        }
        String operator = operation.type().name() + (operation.all() ? " ALL" : "");
        return setOperand(operation.left(), result) + " " + operator + " " + setOperand(operation.right(), result);
    }

    /** SELECT ... HAVING, without TOP: the caller decides where its LIMIT goes. */
    private String specification(QuerySpecification specification, boolean result) {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (specification.distinct()) {
            if (!result) {
                refuseDistinctGeometry(specification, "SELECT DISTINCT");
            }
            sql.append("DISTINCT ");
        }
        List<String> items = new ArrayList<>();
        for (Output output : analysis.outputs(specification)) {
            String value = parameters.inline(() -> outputValue(output));
            items.add((result ? expressions.geometry().dali(value, output.type()) : value) + " AS " + identifier(output.name()));
        }
        sql.append(String.join(", ", items));
        List<String> relations = new ArrayList<>();
        for (Relation relation : specification.from()) {
            relations.add(relation(relation));
        }
        sql.append(" FROM ").append(String.join(", ", relations));
        specification.where().ifPresent(where -> sql.append(" WHERE ").append(expressions.format(where)));
        if (!specification.groupBy().isEmpty()) {
            sql.append(" GROUP BY ").append(parameters.inline(
                    () -> String.join(", ", specification.groupBy().stream().map(expressions::key).toList())));
        }
        specification.having().ifPresent(having -> sql.append(" HAVING ").append(parameters.inline(() -> expressions.format(having))));
        return sql.toString();
    }

    /**
     * pgsphere has no equality for its types, so PostgreSQL cannot tell distinct rows of
     * geometry apart. The result's own geometry is compared as DALI arrays of numbers; a
     * subquery's stays pgsphere, for the expressions that use it.
     */
    private void refuseDistinctGeometry(QueryBody body, String what) {
        QuerySpecification first = leftmost(body);
        for (Output output : analysis.outputs(first)) {
            if (output.type().isGeometry()) {
                Node at = output.value() instanceof Output.Value.Computed computed ? computed.expression() : first;
                throw notSupported(at, what + " of a geometry in a subquery");
            }
        }
    }

    /** The specification whose select list names and types the columns of a query body. */
    private static QuerySpecification leftmost(QueryBody body) {
        return switch (body) {
            case QuerySpecification specification -> specification;
            case SetOperation operation -> leftmost(operation.left());
            case NestedQuery nested -> leftmost(nested.query().body());
        };
    }

    /**
     * PostgreSQL types some expressions differently from ADQL (1.5 is numeric, SUM of
     * integers may be numeric, AVG is numeric): computed numbers are cast to the type the
     * output column declares, so what JDBC returns is what the metadata says.
     */
    private String outputValue(Output output) {
        return switch (output.value()) {
            case Output.Value.Expanded expanded -> expressions.column(expanded.column());
            case Output.Value.Computed computed -> {
                String sql = expressions.format(computed.expression());
                yield output.type().isNumeric() && !expressions.printsWithType(computed.expression(), output.type())
                        ? "CAST(" + sql + " AS " + PostgresTypes.name(output.type()) + ")" : sql;
            }
        };
    }

    private String relation(Relation relation) {
        return switch (relation) {
            case Table table -> table(table);
            case AliasedRelation aliased -> switch (aliased.relation()) {
                case Table table -> table(table) + " AS " + identifier(aliased.alias().text());
                case TableSubquery subquery -> "(" + query(subquery.query(), OptionalLong.empty()) + ") AS " + identifier(aliased.alias().text());
                default -> throw notSupported(aliased, "an alias for a join");
            };
            case TableSubquery subquery -> throw notSupported(subquery, "a subquery in FROM without an alias");
            case Join join -> join(join);
        };
    }

    private String table(Table table) {
        return switch (analysis.table(table)) {
            case TableBinding.CatalogBinding catalog -> qualifiedName(List.of(catalog.table().sqlSchema(), catalog.table().sqlTable()));
            case TableBinding.CommonTableBinding common -> identifier(common.name());
        };
    }

    private String join(Join join) {
        String right = join.right() instanceof Join ? "(" + relation(join.right()) + ")" : relation(join.right());
        String left = relation(join.left());
        if (join.type() == Join.Type.CROSS) {
            return left + " CROSS JOIN " + right;
        }
        String joined = left + " " + join.type().name() + " JOIN " + right;
        return switch (join.criteria().orElseThrow()) {
            case JoinCriteria.On on -> joined + " ON " + expressions.format(on.condition());
            case JoinCriteria.Using ignored -> joined + using(join);
            // Printed as USING on the catalogue's names: PostgreSQL's NATURAL would match
            // on the stored names, which need not be the published ones.
            case JoinCriteria.Natural ignored -> joined + using(join);
        };
    }

    private String using(Join join) {
        List<String> columns = analysis.joinColumns(join);
        if (columns.isEmpty()) {
            return " ON TRUE";
        }
        return " USING (" + String.join(", ", columns.stream().map(SqlText::identifier).toList()) + ")";
    }

    static AdqlException notSupported(Node node, String what) {
        return new AdqlException(ErrorCode.NOT_SUPPORTED, node.location(), what + " is not supported yet");
    }
}
