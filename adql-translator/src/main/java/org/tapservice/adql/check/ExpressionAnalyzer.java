package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.tree.Aggregate;
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
import org.tapservice.adql.tree.Like;
import org.tapservice.adql.tree.LogicalBinary;
import org.tapservice.adql.tree.Node;
import org.tapservice.adql.tree.Not;
import org.tapservice.adql.tree.NullLiteral;
import org.tapservice.adql.tree.NumericLiteral;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.ScalarSubquery;
import org.tapservice.adql.tree.StringLiteral;
import org.tapservice.adql.tree.WhenClause;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;

/** Resolves the names in an expression and infers its type; see {@link FunctionChecker} for functions. */
final class ExpressionAnalyzer extends AstVisitor<ColumnType, ExpressionContext> {

    private static final BigInteger MAX_INTEGER = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger MAX_BIGINT = BigInteger.valueOf(Long.MAX_VALUE);

    private final Analyzer analyzer;
    private final Analysis analysis;
    private final FunctionChecker functions;

    ExpressionAnalyzer(Analyzer analyzer, Analysis analysis, FunctionCatalog userFunctions) {
        this.analyzer = analyzer;
        this.analysis = analysis;
        this.functions = new FunctionChecker(this, analysis, userFunctions);
    }

    ColumnType analyze(Expression expression, ExpressionContext context) {
        return analysis.recordType(expression, process(expression, context));
    }

    void analyzeCondition(Expression condition, ExpressionContext context) {
        analyze(condition, context);
    }

    // The role ("argument 2 of POINT") names the operand in an error message only: a Supplier,
    // so well-typed queries (nearly all) do not build one string per operand.
    ColumnType numeric(Expression operand, ExpressionContext context, Supplier<String> role) {
        ColumnType type = analyze(operand, context);
        if (type != ColumnType.UNKNOWN && !type.isNumeric()) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, operand.location(), role.get() + " must be a number, but it is " + Types.describe(type));
        }
        return type;
    }

    @Override
    protected ColumnType visitNode(Node node, ExpressionContext context) {
        throw new IllegalStateException("not an expression: " + node);
    }

    @Override
    protected ColumnType visitNullLiteral(NullLiteral node, ExpressionContext context) {
        return ColumnType.UNKNOWN;
    }

    @Override
    protected ColumnType visitNumericLiteral(NumericLiteral node, ExpressionContext context) {
        if (!node.isInteger()) {
            return ColumnType.DOUBLE;
        }
        BigInteger value = node.integerValue();
        if (value.compareTo(MAX_INTEGER) <= 0) {
            return ColumnType.INTEGER;
        }
        if (value.compareTo(MAX_BIGINT) <= 0) {
            return ColumnType.BIGINT;
        }
        if (node.kind() == NumericLiteral.Kind.HEX) {
            throw new AdqlException(ErrorCode.INVALID_LITERAL, node.location(), "hexadecimal literal " + node.text() + " does not fit in 63 bits");
        }
        return ColumnType.DOUBLE;
    }

    @Override
    protected ColumnType visitStringLiteral(StringLiteral node, ExpressionContext context) {
        return ColumnType.VARCHAR;
    }

    @Override
    protected ColumnType visitColumnReference(ColumnReference node, ExpressionContext context) {
        Optional<Scope.Resolution> resolution = context.scope().find(node);
        if (resolution.isPresent()) {
            analysis.recordColumn(node, resolution.get().column());
            if (resolution.get().outer()) {
                analysis.recordOuterReference(node);
            }
            return resolution.get().column().type();
        }
        if (node.qualifier().isEmpty()) {
            List<Output> aliased = context.outputAliases().stream().filter(output -> node.name().matches(output.name())).toList();
            if (aliased.size() == 1) {
                analysis.recordColumn(node, new ColumnBinding.OutputAlias(aliased.getFirst().name(), aliased.getFirst().type()));
                return aliased.getFirst().type();
            }
        }
        else if (!context.scope().knowsQualifier(node.qualifier())) {
            String qualifier = node.displayName().substring(0, node.displayName().length() - node.name().text().length() - 1);
            throw new AdqlException(ErrorCode.UNKNOWN_COLUMN, node.location(),
                    "Column '" + node.displayName() + "' does not exist: nothing in the FROM clause is called '" + qualifier + "'");
        }
        throw new AdqlException(ErrorCode.UNKNOWN_COLUMN, node.location(), "Column '" + node.displayName() + "' does not exist");
    }

    @Override
    protected ColumnType visitArithmeticUnary(ArithmeticUnary node, ExpressionContext context) {
        ColumnType type = numeric(node.value(), context, () -> "the operand of unary " + node.sign().symbol());
        return type == ColumnType.UNKNOWN ? ColumnType.DOUBLE : type;
    }

    @Override
    protected ColumnType visitArithmeticBinary(ArithmeticBinary node, ExpressionContext context) {
        String operator = "operator " + node.operator().symbol();
        ColumnType left = numeric(node.left(), context, () -> "the left operand of " + operator);
        ColumnType right = numeric(node.right(), context, () -> "the right operand of " + operator);
        return Types.arithmetic(left, right);
    }

    @Override
    protected ColumnType visitBitwiseNot(BitwiseNot node, ExpressionContext context) {
        return integer(node.value(), context, () -> "the operand of ~");
    }

    @Override
    protected ColumnType visitBitwiseBinary(BitwiseBinary node, ExpressionContext context) {
        String operator = "operator " + node.operator().symbol();
        ColumnType left = integer(node.left(), context, () -> "the left operand of " + operator);
        ColumnType right = integer(node.right(), context, () -> "the right operand of " + operator);
        return Types.arithmetic(left, right);
    }

    private ColumnType integer(Expression operand, ExpressionContext context, Supplier<String> role) {
        ColumnType type = analyze(operand, context);
        if (type != ColumnType.UNKNOWN && !type.isExactNumeric()) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, operand.location(), role.get() + " must be an integer, but it is " + Types.describe(type));
        }
        return type == ColumnType.UNKNOWN ? ColumnType.BIGINT : type;
    }

    @Override
    protected ColumnType visitConcatenation(Concatenation node, ExpressionContext context) {
        notGeometry(node.left(), context, () -> "an operand of ||");
        notGeometry(node.right(), context, () -> "an operand of ||");
        return ColumnType.VARCHAR;
    }

    private ColumnType notGeometry(Expression operand, ExpressionContext context, Supplier<String> role) {
        ColumnType type = analyze(operand, context);
        if (type.isGeometry() || type == ColumnType.BLOB) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, operand.location(), role.get() + " cannot be " + Types.describe(type));
        }
        return type;
    }

    @Override
    protected ColumnType visitFunctionCall(FunctionCall node, ExpressionContext context) {
        return functions.check(node, context);
    }

    @Override
    protected ColumnType visitAggregate(Aggregate node, ExpressionContext context) {
        String name = node.function().name();
        if (context.insideAggregate()) {
            throw new AdqlException(ErrorCode.MISPLACED_AGGREGATE, node.location(), name + " cannot be used inside another aggregate function");
        }
        if (!context.clause().allowsAggregates()) {
            throw new AdqlException(ErrorCode.MISPLACED_AGGREGATE, node.location(),
                    "aggregate functions such as " + name + " are not allowed in " + context.clause().description());
        }
        if (node.argument().isEmpty()) {
            return ColumnType.BIGINT;
        }
        Expression argument = node.argument().get();
        ExpressionContext inside = context.enterAggregate();
        return switch (node.function()) {
            case COUNT -> {
                if (node.distinct()) {
                    // telling geometries apart would need an order or a hash pgsphere does not have
                    notGeometry(argument, inside, () -> "the argument of COUNT(DISTINCT ...)");
                }
                else {
                    analyze(argument, inside);
                }
                yield ColumnType.BIGINT;
            }
            case SUM -> {
                ColumnType type = numeric(argument, inside, () -> "the argument of SUM");
                yield type.isExactNumeric() ? ColumnType.BIGINT : type == ColumnType.REAL ? ColumnType.REAL : ColumnType.DOUBLE;
            }
            case AVG -> {
                numeric(argument, inside, () -> "the argument of AVG");
                yield ColumnType.DOUBLE;
            }
            case MIN, MAX -> notGeometry(argument, inside, () -> "the argument of " + name);
        };
    }

    @Override
    protected ColumnType visitCast(Cast node, ExpressionContext context) {
        ColumnType source = analyze(node.value(), context);
        ColumnType target = switch (node.type()) {
            case SMALLINT -> ColumnType.SMALLINT;
            case INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case REAL -> ColumnType.REAL;
            case DOUBLE_PRECISION -> ColumnType.DOUBLE;
            case CHAR -> ColumnType.CHAR;
            case VARCHAR -> ColumnType.VARCHAR;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            case POINT -> ColumnType.POINT;
            case CIRCLE -> ColumnType.CIRCLE;
            case POLYGON -> ColumnType.POLYGON;
        };
        if (!Types.castable(source, target)) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, node.location(), "cannot cast " + Types.describe(source) + " to " + target);
        }
        return target;
    }

    @Override
    protected ColumnType visitCaseExpression(CaseExpression node, ExpressionContext context) {
        Optional<ColumnType> operand = node.operand().map(value -> analyze(value, context));
        ColumnType result = ColumnType.UNKNOWN;
        for (WhenClause when : node.whenClauses()) {
            ColumnType condition = analyze(when.condition(), context);
            if (operand.isPresent() && !Types.comparable(operand.get(), condition)) {
                throw new AdqlException(ErrorCode.TYPE_MISMATCH, when.condition().location(),
                        "CASE compares " + Types.describe(operand.get()) + " with a value " + Types.describe(condition));
            }
            result = Types.common(result, analyze(when.result(), context), when.result().location(), "CASE");
        }
        if (node.elseValue().isPresent()) {
            result = Types.common(result, analyze(node.elseValue().get(), context), node.elseValue().get().location(), "CASE");
        }
        return result;
    }

    @Override
    protected ColumnType visitComparison(Comparison node, ExpressionContext context) {
        comparable(node.left(), node.right(), context, () -> "operator " + node.operator().symbol());
        return ColumnType.BOOLEAN;
    }

    private void comparable(Expression left, Expression right, ExpressionContext context, Supplier<String> what) {
        ColumnType leftType = analyze(left, context);
        ColumnType rightType = analyze(right, context);
        if (!Types.comparable(leftType, rightType)) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, right.location(),
                    what.get() + " cannot compare a value " + Types.describe(leftType) + " with one " + Types.describe(rightType));
        }
    }

    @Override
    protected ColumnType visitBetween(Between node, ExpressionContext context) {
        comparable(node.value(), node.min(), context, () -> "BETWEEN");
        comparable(node.value(), node.max(), context, () -> "BETWEEN");
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitInList(InList node, ExpressionContext context) {
        for (Expression value : node.values()) {
            comparable(node.value(), value, context, () -> "IN");
        }
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitInSubquery(InSubquery node, ExpressionContext context) {
        ColumnType value = analyze(node.value(), context);
        List<Output> outputs = subquery(node.subquery(), context);
        if (outputs.size() != 1) {
            throw new AdqlException(ErrorCode.COLUMN_COUNT_MISMATCH, node.subquery().location(),
                    "the subquery of IN must select exactly one column, not " + outputs.size());
        }
        if (!Types.comparable(value, outputs.getFirst().type())) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, node.subquery().location(),
                    "IN cannot compare a value " + Types.describe(value) + " with one " + Types.describe(outputs.getFirst().type()));
        }
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitExists(Exists node, ExpressionContext context) {
        subquery(node.subquery(), context);
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitScalarSubquery(ScalarSubquery node, ExpressionContext context) {
        List<Output> outputs = subquery(node.query(), context);
        if (outputs.size() != 1) {
            throw new AdqlException(ErrorCode.COLUMN_COUNT_MISMATCH, node.location(),
                    "a subquery used as a value must select exactly one column, not " + outputs.size());
        }
        return outputs.getFirst().type();
    }

    private List<Output> subquery(Query query, ExpressionContext context) {
        return analyzer.query(query, context.environment().nestedIn(context.scope()));
    }

    @Override
    protected ColumnType visitLike(Like node, ExpressionContext context) {
        String operator = node.caseInsensitive() ? "ILIKE" : "LIKE";
        character(node.value(), context, () -> "the value matched by " + operator);
        character(node.pattern(), context, () -> "the pattern of " + operator);
        node.escape().ifPresent(escape -> character(escape, context, () -> "the escape character of " + operator));
        return ColumnType.BOOLEAN;
    }

    private void character(Expression operand, ExpressionContext context, Supplier<String> role) {
        ColumnType type = analyze(operand, context);
        if (type != ColumnType.UNKNOWN && !type.isCharacter()) {
            throw new AdqlException(ErrorCode.TYPE_MISMATCH, operand.location(), role.get() + " must be a string, but it is " + Types.describe(type));
        }
    }

    @Override
    protected ColumnType visitIsNull(IsNull node, ExpressionContext context) {
        analyze(node.value(), context);
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitLogicalBinary(LogicalBinary node, ExpressionContext context) {
        analyze(node.left(), context);
        analyze(node.right(), context);
        return ColumnType.BOOLEAN;
    }

    @Override
    protected ColumnType visitNot(Not node, ExpressionContext context) {
        analyze(node.value(), context);
        return ColumnType.BOOLEAN;
    }
}
