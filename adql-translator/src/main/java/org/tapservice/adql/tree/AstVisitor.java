package org.tapservice.adql.tree;

/**
 * One visitor for all nodes. Each {@code visitX} falls back to the method of the
 * node's supertype (comparison -> expression -> node), so a visitor overrides only the
 * nodes it cares about and decides in {@link #visitNode} what to do with the rest.
 */
public abstract class AstVisitor<R, C> {

    public R process(Node node, C context) {
        return node.accept(this, context);
    }

    protected R visitNode(Node node, C context) {
        return null;
    }

    protected R visitQuery(Query node, C context) {
        return visitNode(node, context);
    }

    protected R visitWithQuery(WithQuery node, C context) {
        return visitNode(node, context);
    }

    protected R visitQueryBody(QueryBody node, C context) {
        return visitNode(node, context);
    }

    protected R visitQuerySpecification(QuerySpecification node, C context) {
        return visitQueryBody(node, context);
    }

    protected R visitSetOperation(SetOperation node, C context) {
        return visitQueryBody(node, context);
    }

    protected R visitNestedQuery(NestedQuery node, C context) {
        return visitQueryBody(node, context);
    }

    protected R visitSelectItem(SelectItem node, C context) {
        return visitNode(node, context);
    }

    protected R visitSingleColumn(SingleColumn node, C context) {
        return visitSelectItem(node, context);
    }

    protected R visitAllColumns(AllColumns node, C context) {
        return visitSelectItem(node, context);
    }

    protected R visitSortItem(SortItem node, C context) {
        return visitNode(node, context);
    }

    protected R visitRelation(Relation node, C context) {
        return visitNode(node, context);
    }

    protected R visitTable(Table node, C context) {
        return visitRelation(node, context);
    }

    protected R visitAliasedRelation(AliasedRelation node, C context) {
        return visitRelation(node, context);
    }

    protected R visitTableSubquery(TableSubquery node, C context) {
        return visitRelation(node, context);
    }

    protected R visitJoin(Join node, C context) {
        return visitRelation(node, context);
    }

    protected R visitExpression(Expression node, C context) {
        return visitNode(node, context);
    }

    protected R visitLiteral(Literal node, C context) {
        return visitExpression(node, context);
    }

    protected R visitNullLiteral(NullLiteral node, C context) {
        return visitLiteral(node, context);
    }

    protected R visitNumericLiteral(NumericLiteral node, C context) {
        return visitLiteral(node, context);
    }

    protected R visitStringLiteral(StringLiteral node, C context) {
        return visitLiteral(node, context);
    }

    protected R visitColumnReference(ColumnReference node, C context) {
        return visitExpression(node, context);
    }

    protected R visitArithmeticUnary(ArithmeticUnary node, C context) {
        return visitExpression(node, context);
    }

    protected R visitArithmeticBinary(ArithmeticBinary node, C context) {
        return visitExpression(node, context);
    }

    protected R visitBitwiseNot(BitwiseNot node, C context) {
        return visitExpression(node, context);
    }

    protected R visitBitwiseBinary(BitwiseBinary node, C context) {
        return visitExpression(node, context);
    }

    protected R visitConcatenation(Concatenation node, C context) {
        return visitExpression(node, context);
    }

    protected R visitFunctionCall(FunctionCall node, C context) {
        return visitExpression(node, context);
    }

    protected R visitAggregate(Aggregate node, C context) {
        return visitExpression(node, context);
    }

    protected R visitCast(Cast node, C context) {
        return visitExpression(node, context);
    }

    protected R visitCaseExpression(CaseExpression node, C context) {
        return visitExpression(node, context);
    }

    protected R visitComparison(Comparison node, C context) {
        return visitExpression(node, context);
    }

    protected R visitBetween(Between node, C context) {
        return visitExpression(node, context);
    }

    protected R visitInList(InList node, C context) {
        return visitExpression(node, context);
    }

    protected R visitInSubquery(InSubquery node, C context) {
        return visitExpression(node, context);
    }

    protected R visitLike(Like node, C context) {
        return visitExpression(node, context);
    }

    protected R visitIsNull(IsNull node, C context) {
        return visitExpression(node, context);
    }

    protected R visitExists(Exists node, C context) {
        return visitExpression(node, context);
    }

    protected R visitScalarSubquery(ScalarSubquery node, C context) {
        return visitExpression(node, context);
    }

    protected R visitLogicalBinary(LogicalBinary node, C context) {
        return visitExpression(node, context);
    }

    protected R visitNot(Not node, C context) {
        return visitExpression(node, context);
    }
}
