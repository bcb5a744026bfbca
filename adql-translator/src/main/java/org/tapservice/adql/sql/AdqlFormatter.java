package org.tapservice.adql.sql;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.catalog.Identifier;
import org.tapservice.adql.tree.Aggregate;
import org.tapservice.adql.tree.AliasedRelation;
import org.tapservice.adql.tree.AllColumns;
import org.tapservice.adql.tree.ArithmeticBinary;
import org.tapservice.adql.tree.ArithmeticUnary;
import org.tapservice.adql.tree.AstVisitor;
import org.tapservice.adql.tree.Between;
import org.tapservice.adql.tree.BitwiseBinary;
import org.tapservice.adql.tree.BitwiseNot;
import org.tapservice.adql.tree.CaseExpression;
import org.tapservice.adql.tree.Cast;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Comparison;
import org.tapservice.adql.tree.Concatenation;
import org.tapservice.adql.tree.Exists;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.FunctionCall;
import org.tapservice.adql.tree.InList;
import org.tapservice.adql.tree.InSubquery;
import org.tapservice.adql.tree.IsNull;
import org.tapservice.adql.tree.Join;
import org.tapservice.adql.tree.JoinCriteria;
import org.tapservice.adql.tree.Like;
import org.tapservice.adql.tree.Literal;
import org.tapservice.adql.tree.LogicalBinary;
import org.tapservice.adql.tree.NestedQuery;
import org.tapservice.adql.tree.Node;
import org.tapservice.adql.tree.Not;
import org.tapservice.adql.tree.NullLiteral;
import org.tapservice.adql.tree.NumericLiteral;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.QuerySpecification;
import org.tapservice.adql.tree.ScalarSubquery;
import org.tapservice.adql.tree.SetOperation;
import org.tapservice.adql.tree.SingleColumn;
import org.tapservice.adql.tree.SortItem;
import org.tapservice.adql.tree.StringLiteral;
import org.tapservice.adql.tree.Table;
import org.tapservice.adql.tree.TableSubquery;
import org.tapservice.adql.tree.WhenClause;
import org.tapservice.adql.tree.WithQuery;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree back as ADQL that parses to an equal tree: for logs, error
 * reports and the round-trip tests. Nested operations are parenthesized rather than
 * relying on precedence.
 */
public final class AdqlFormatter extends AstVisitor<String, Void> {

    private AdqlFormatter() {
    }

    /** @throws AdqlException when the tree is too deep to print (see {@link AdqlException#tooDeepToProcess()}) */
    public static String format(Node node) {
        try {
            return new AdqlFormatter().process(node, null);
        }
        catch (StackOverflowError e) {
            // the parser builds operator chains without recursion; printing them recurses
            throw AdqlException.tooDeepToProcess();
        }
    }

    @Override
    protected String visitNode(Node node, Void context) {
        throw new UnsupportedOperationException("no ADQL form for " + node.getClass().getSimpleName());
    }

    @Override
    protected String visitQuery(Query node, Void context) {
        StringBuilder adql = new StringBuilder();
        if (!node.with().isEmpty()) {
            adql.append("WITH ").append(node.with().stream().map(this::withQuery).collect(Collectors.joining(", "))).append(' ');
        }
        adql.append(process(node.body(), null));
        if (!node.orderBy().isEmpty()) {
            adql.append(" ORDER BY ").append(node.orderBy().stream().map(item -> process(item, null)).collect(Collectors.joining(", ")));
        }
        node.offset().ifPresent(offset -> adql.append(" OFFSET ").append(offset));
        return adql.toString();
    }

    private String withQuery(WithQuery with) {
        return identifier(with.name()) + " AS (" + process(with.query(), null) + ")";
    }

    @Override
    protected String visitQuerySpecification(QuerySpecification node, Void context) {
        StringBuilder adql = new StringBuilder("SELECT ");
        if (node.distinct()) {
            adql.append("DISTINCT ");
        }
        node.top().ifPresent(top -> adql.append("TOP ").append(top).append(' '));
        adql.append(node.select().stream().map(item -> process(item, null)).collect(Collectors.joining(", ")));
        adql.append(" FROM ").append(node.from().stream().map(relation -> process(relation, null)).collect(Collectors.joining(", ")));
        node.where().ifPresent(where -> adql.append(" WHERE ").append(process(where, null)));
        if (!node.groupBy().isEmpty()) {
            adql.append(" GROUP BY ").append(list(node.groupBy()));
        }
        node.having().ifPresent(having -> adql.append(" HAVING ").append(process(having, null)));
        return adql.toString();
    }

    @Override
    protected String visitSetOperation(SetOperation node, Void context) {
        return "(" + process(node.left(), null) + ") " + node.type() + (node.all() ? " ALL" : "") + " (" + process(node.right(), null) + ")";
    }

    @Override
    protected String visitNestedQuery(NestedQuery node, Void context) {
        return "(" + process(node.query(), null) + ")";
    }

    @Override
    protected String visitSingleColumn(SingleColumn node, Void context) {
        return process(node.expression(), null) + node.alias().map(alias -> " AS " + identifier(alias)).orElse("");
    }

    @Override
    protected String visitAllColumns(AllColumns node, Void context) {
        return node.qualifier().isEmpty() ? "*" : qualified(node.qualifier()) + ".*";
    }

    @Override
    protected String visitSortItem(SortItem node, Void context) {
        return process(node.key(), null) + (node.ordering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC");
    }

    @Override
    protected String visitTable(Table node, Void context) {
        return qualified(node.name());
    }

    @Override
    protected String visitAliasedRelation(AliasedRelation node, Void context) {
        return process(node.relation(), null) + " AS " + identifier(node.alias());
    }

    @Override
    protected String visitTableSubquery(TableSubquery node, Void context) {
        return "(" + process(node.query(), null) + ")";
    }

    @Override
    protected String visitJoin(Join node, Void context) {
        String right = node.right() instanceof Join ? "(" + process(node.right(), null) + ")" : process(node.right(), null);
        String left = process(node.left(), null);
        return switch (node.criteria().orElse(null)) {
            case null -> left + " CROSS JOIN " + right;
            case JoinCriteria.On on -> left + " " + node.type() + " JOIN " + right + " ON " + process(on.condition(), null);
            case JoinCriteria.Using using -> left + " " + node.type() + " JOIN " + right
                    + " USING (" + using.columns().stream().map(AdqlFormatter::identifier).collect(Collectors.joining(", ")) + ")";
            case JoinCriteria.Natural ignored -> left + " NATURAL " + node.type() + " JOIN " + right;
        };
    }

    @Override
    protected String visitNullLiteral(NullLiteral node, Void context) {
        return "NULL";
    }

    @Override
    protected String visitNumericLiteral(NumericLiteral node, Void context) {
        return node.text();
    }

    @Override
    protected String visitStringLiteral(StringLiteral node, Void context) {
        return "'" + node.value().replace("'", "''") + "'";
    }

    @Override
    protected String visitColumnReference(ColumnReference node, Void context) {
        return node.qualifier().isEmpty() ? identifier(node.name()) : qualified(node.qualifier()) + "." + identifier(node.name());
    }

    @Override
    protected String visitArithmeticUnary(ArithmeticUnary node, Void context) {
        return node.sign().symbol() + operand(node.value());
    }

    @Override
    protected String visitArithmeticBinary(ArithmeticBinary node, Void context) {
        return operand(node.left()) + " " + node.operator().symbol() + " " + operand(node.right());
    }

    @Override
    protected String visitBitwiseNot(BitwiseNot node, Void context) {
        return "~" + operand(node.value());
    }

    @Override
    protected String visitBitwiseBinary(BitwiseBinary node, Void context) {
        return operand(node.left()) + " " + node.operator().symbol() + " " + operand(node.right());
    }

    @Override
    protected String visitConcatenation(Concatenation node, Void context) {
        return operand(node.left()) + " || " + operand(node.right());
    }

    @Override
    protected String visitFunctionCall(FunctionCall node, Void context) {
        return identifier(node.name()) + "(" + list(node.arguments()) + ")";
    }

    @Override
    protected String visitAggregate(Aggregate node, Void context) {
        return node.function() + "(" + (node.distinct() ? "DISTINCT " : "")
                + node.argument().map(argument -> process(argument, null)).orElse("*") + ")";
    }

    @Override
    protected String visitCast(Cast node, Void context) {
        String length = node.length().isPresent() ? "(" + node.length().getAsInt() + ")" : "";
        return "CAST(" + process(node.value(), null) + " AS " + node.type().adqlName() + length + ")";
    }

    @Override
    protected String visitCaseExpression(CaseExpression node, Void context) {
        StringBuilder adql = new StringBuilder("CASE");
        node.operand().ifPresent(operand -> adql.append(' ').append(operand(operand)));
        for (WhenClause when : node.whenClauses()) {
            adql.append(" WHEN ").append(process(when.condition(), null)).append(" THEN ").append(process(when.result(), null));
        }
        node.elseValue().ifPresent(value -> adql.append(" ELSE ").append(process(value, null)));
        return adql.append(" END").toString();
    }

    @Override
    protected String visitComparison(Comparison node, Void context) {
        return operand(node.left()) + " " + node.operator().symbol() + " " + operand(node.right());
    }

    @Override
    protected String visitBetween(Between node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " BETWEEN " + operand(node.min()) + " AND " + operand(node.max());
    }

    @Override
    protected String visitInList(InList node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " IN (" + list(node.values()) + ")";
    }

    @Override
    protected String visitInSubquery(InSubquery node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " IN (" + process(node.subquery(), null) + ")";
    }

    @Override
    protected String visitLike(Like node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + (node.caseInsensitive() ? " ILIKE " : " LIKE ")
                + operand(node.pattern()) + node.escape().map(escape -> " ESCAPE " + operand(escape)).orElse("");
    }

    @Override
    protected String visitIsNull(IsNull node, Void context) {
        return operand(node.value()) + (node.negated() ? " IS NOT NULL" : " IS NULL");
    }

    @Override
    protected String visitExists(Exists node, Void context) {
        return "EXISTS (" + process(node.subquery(), null) + ")";
    }

    @Override
    protected String visitScalarSubquery(ScalarSubquery node, Void context) {
        return "(" + process(node.query(), null) + ")";
    }

    @Override
    protected String visitLogicalBinary(LogicalBinary node, Void context) {
        return operand(node.left()) + " " + node.operator() + " " + operand(node.right());
    }

    @Override
    protected String visitNot(Not node, Void context) {
        return "NOT " + operand(node.value());
    }

    private String operand(Expression expression) {
        String adql = process(expression, null);
        boolean atomic = expression instanceof Literal || expression instanceof ColumnReference || expression instanceof FunctionCall
                || expression instanceof Aggregate || expression instanceof Cast || expression instanceof CaseExpression
                || expression instanceof Exists || expression instanceof ScalarSubquery;
        return atomic ? adql : "(" + adql + ")";
    }

    private String list(List<Expression> expressions) {
        return expressions.stream().map(expression -> process(expression, null)).collect(Collectors.joining(", "));
    }

    private static String qualified(List<Identifier> parts) {
        return parts.stream().map(AdqlFormatter::identifier).collect(Collectors.joining("."));
    }

    /** Regular identifiers are printed as written (they may be keywords only when they were delimited). */
    private static String identifier(Identifier identifier) {
        return identifier.delimited() ? "\"" + identifier.text().replace("\"", "\"\"") + "\"" : identifier.text();
    }
}
