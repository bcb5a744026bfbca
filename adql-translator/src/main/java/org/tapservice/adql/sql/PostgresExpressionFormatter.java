package org.tapservice.adql.sql;

import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionSignature;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.adql.check.Analysis;
import org.tapservice.adql.check.BuiltInFunction;
import org.tapservice.adql.check.ColumnBinding;
import org.tapservice.adql.check.FunctionBinding;
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
import org.tapservice.adql.tree.Literal;
import org.tapservice.adql.tree.LogicalBinary;
import org.tapservice.adql.tree.Node;
import org.tapservice.adql.tree.Not;
import org.tapservice.adql.tree.NullLiteral;
import org.tapservice.adql.tree.NumericLiteral;
import org.tapservice.adql.tree.ScalarSubquery;
import org.tapservice.adql.tree.StringLiteral;
import org.tapservice.adql.tree.WhenClause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static org.tapservice.adql.sql.PostgresSqlFormatter.notSupported;
import static org.tapservice.adql.sql.SqlText.identifier;
import static org.tapservice.adql.sql.SqlText.qualifiedName;

/**
 * Prints expressions. Operands that are themselves operations are parenthesized, so the
 * SQL means what the ADQL tree means whatever PostgreSQL's operator precedence is.
 * Geometry becomes pgsphere: positions in degrees become {@code spoint}s in radians.
 */
final class PostgresExpressionFormatter extends AstVisitor<String, Void> {

    private final Analysis analysis;
    private final PostgresSqlFormatter queries;
    private final LiteralParameters parameters;
    private final GeometryFormatter geometry;

    PostgresExpressionFormatter(Analysis analysis, PostgresSqlFormatter queries, LiteralParameters parameters) {
        this.analysis = analysis;
        this.queries = queries;
        this.parameters = parameters;
        this.geometry = new GeometryFormatter(analysis, this);
    }

    String format(Expression expression) {
        return process(expression, null);
    }

    GeometryFormatter geometry() {
        return geometry;
    }

    /**
     * A GROUP BY or ORDER BY key. PostgreSQL reads a constant there as a column position (an
     * integer, even a negative one) or refuses it (any other literal); ADQL means its value, a
     * key that is the same for every row. Cast, the constant is an expression to PostgreSQL too.
     */
    String key(Expression key) {
        String sql = format(key);
        boolean constant = key instanceof Literal || key instanceof ArithmeticUnary unary && unary.value() instanceof Literal;
        if (!constant) {
            return sql;
        }
        ColumnType type = analysis.type(key);
        return "CAST(" + sql + " AS " + (type == ColumnType.UNKNOWN ? "varchar" : PostgresTypes.name(type)) + ")";
    }

    String column(ColumnBinding.RelationColumn column) {
        return column.sqlQualifier().isEmpty()
                ? identifier(column.sqlName())
                : qualifiedName(column.sqlQualifier()) + "." + identifier(column.sqlName());
    }

    /**
     * Whether PostgreSQL gives the printed expression exactly this type, so that a cast to
     * it would be noise: column references, explicit casts, integer literals, COUNT, MIN,
     * MAX, integer arithmetic (PostgreSQL widens integers as ADQL does), and the functions
     * printed with a cast of their own.
     */
    boolean printsWithType(Expression expression, ColumnType type) {
        boolean integer = type.isExactNumeric();
        return switch (expression) {
            case ColumnReference ignored -> true;
            case Cast ignored -> true;
            // its own select list already casts the value to the type it declares
            case ScalarSubquery ignored -> true;
            case NumericLiteral literal -> literal.isInteger() && (type == ColumnType.INTEGER || type == ColumnType.BIGINT);
            case Aggregate aggregate -> aggregate.function() == Aggregate.Function.COUNT
                    || aggregate.function() == Aggregate.Function.MIN || aggregate.function() == Aggregate.Function.MAX;
            case ArithmeticBinary ignored -> integer;
            case ArithmeticUnary ignored -> integer;
            case BitwiseBinary ignored -> integer;
            case BitwiseNot ignored -> integer;
            case FunctionCall call -> switch (analysis.function(call)) {
                case FunctionBinding.BuiltIn(BuiltInFunction function) -> switch (function) {
                    case CONTAINS, INTERSECTS -> true;
                    case ROUND, TRUNCATE -> true;
                    case MOD, ABS -> integer || type == ColumnType.DOUBLE && function == BuiltInFunction.MOD;
                    default -> false;
                };
                // clients are told the declared type, whatever type the SQL function really returns
                case FunctionBinding.User ignored -> false;
            };
            default -> false;
        };
    }

    /** An expression used inside an operation: parenthesized unless it is atomic. */
    String operand(Expression expression) {
        String sql = format(expression);
        boolean atomic = expression instanceof Literal || expression instanceof ColumnReference || expression instanceof FunctionCall
                || expression instanceof Aggregate || expression instanceof Cast || expression instanceof CaseExpression
                || expression instanceof Exists || expression instanceof ScalarSubquery;
        return atomic ? sql : "(" + sql + ")";
    }

    private String arguments(List<Expression> arguments) {
        return arguments.stream().map(this::format).collect(Collectors.joining(", "));
    }

    @Override
    protected String visitNode(Node node, Void context) {
        throw notSupported(node, node.getClass().getSimpleName());
    }

    @Override
    protected String visitNullLiteral(NullLiteral node, Void context) {
        return "NULL";
    }

    @Override
    protected String visitNumericLiteral(NumericLiteral node, Void context) {
        // Hexadecimal is ADQL only; its value is printed in decimal.
        return parameters.print(node, analysis.type(node),
                node.kind() == NumericLiteral.Kind.HEX ? node.integerValue().toString() : node.text());
    }

    @Override
    protected String visitStringLiteral(StringLiteral node, Void context) {
        return SqlText.string(node.value());
    }

    @Override
    protected String visitColumnReference(ColumnReference node, Void context) {
        return switch (analysis.column(node)) {
            case ColumnBinding.RelationColumn column -> column(column);
            case ColumnBinding.OutputAlias alias -> identifier(alias.outputName());
        };
    }

    @Override
    protected String visitArithmeticUnary(ArithmeticUnary node, Void context) {
        if (node.sign() == ArithmeticUnary.Sign.MINUS && node.value() instanceof NumericLiteral literal && parameters.binding()) {
            return parameters.printNegated(literal, analysis.type(literal));
        }
        return node.sign().symbol() + typedOperand(node.value(), node);
    }

    @Override
    protected String visitArithmeticBinary(ArithmeticBinary node, Void context) {
        return typedOperand(node.left(), node) + " " + node.operator().symbol() + " " + typedOperand(node.right(), node);
    }

    /**
     * An operand of a numeric operation. A bare NULL has no type PostgreSQL could choose the
     * operator by ({@code NULL + NULL} is "not unique"), so it is given the operation's.
     */
    private String typedOperand(Expression operand, Expression operation) {
        return operand instanceof NullLiteral ? "CAST(NULL AS " + PostgresTypes.name(analysis.type(operation)) + ")" : operand(operand);
    }

    @Override
    protected String visitBitwiseNot(BitwiseNot node, Void context) {
        return "~" + typedOperand(node.value(), node);
    }

    @Override
    protected String visitBitwiseBinary(BitwiseBinary node, Void context) {
        String operator = switch (node.operator()) {
            case AND -> "&";
            case OR -> "|";
            // ^ is exponentiation in PostgreSQL
            case XOR -> "#";
        };
        return typedOperand(node.left(), node) + " " + operator + " " + typedOperand(node.right(), node);
    }

    @Override
    protected String visitConcatenation(Concatenation node, Void context) {
        return text(node.left()) + " || " + text(node.right());
    }

    /** PostgreSQL's || needs at least one side to be text; ADQL concatenates any values. */
    private String text(Expression expression) {
        ColumnType type = analysis.type(expression);
        return type.isCharacter() || type == ColumnType.UNKNOWN ? operand(expression) : "CAST(" + format(expression) + " AS varchar)";
    }

    @Override
    protected String visitAggregate(Aggregate node, Void context) {
        String name = node.function().name().toLowerCase(Locale.ROOT);
        if (node.isCountAll()) {
            return "count(*)";
        }
        Expression argument = node.argument().orElseThrow();
        boolean numeric = node.function() == Aggregate.Function.SUM || node.function() == Aggregate.Function.AVG;
        return name + "(" + (node.distinct() ? "DISTINCT " : "") + (numeric ? typedOperand(argument, node) : format(argument)) + ")";
    }

    @Override
    protected String visitCast(Cast node, Void context) {
        String type = switch (node.type()) {
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case REAL -> "real";
            case DOUBLE_PRECISION -> "double precision";
            case CHAR -> "char";
            case VARCHAR -> "varchar";
            case TIMESTAMP -> "timestamp";
            case POINT, CIRCLE, POLYGON -> throw notSupported(node, "CAST to " + node.type().adqlName());
        };
        String length = node.length().isPresent() ? "(" + node.length().getAsInt() + ")" : "";
        return "CAST(" + format(node.value()) + " AS " + type + length + ")";
    }

    @Override
    protected String visitCaseExpression(CaseExpression node, Void context) {
        StringBuilder sql = new StringBuilder("CASE");
        node.operand().ifPresent(operand -> sql.append(' ').append(operand(operand)));
        for (WhenClause when : node.whenClauses()) {
            sql.append(" WHEN ").append(format(when.condition())).append(" THEN ").append(format(when.result()));
        }
        node.elseValue().ifPresent(value -> sql.append(" ELSE ").append(format(value)));
        return sql.append(" END").toString();
    }

    @Override
    protected String visitComparison(Comparison node, Void context) {
        return geometry.asPredicate(node).orElseGet(() -> operand(node.left()) + " " + node.operator().symbol() + " " + operand(node.right()));
    }

    @Override
    protected String visitBetween(Between node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " BETWEEN " + operand(node.min()) + " AND " + operand(node.max());
    }

    @Override
    protected String visitInList(InList node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " IN (" + arguments(node.values()) + ")";
    }

    @Override
    protected String visitInSubquery(InSubquery node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + " IN (" + queries.query(node.subquery(), OptionalLong.empty()) + ")";
    }

    @Override
    protected String visitExists(Exists node, Void context) {
        return "EXISTS (" + queries.query(node.subquery(), OptionalLong.empty()) + ")";
    }

    @Override
    protected String visitScalarSubquery(ScalarSubquery node, Void context) {
        return "(" + queries.query(node.query(), OptionalLong.empty()) + ")";
    }

    /**
     * An ADQL pattern without ESCAPE has no escape character, as in SQL-92; PostgreSQL's
     * default one is the backslash, so it is switched off with an empty ESCAPE.
     */
    @Override
    protected String visitLike(Like node, Void context) {
        return operand(node.value()) + (node.negated() ? " NOT" : "") + (node.caseInsensitive() ? " ILIKE " : " LIKE ")
                + operand(node.pattern()) + " ESCAPE " + node.escape().map(this::operand).orElse("''");
    }

    @Override
    protected String visitIsNull(IsNull node, Void context) {
        return operand(node.value()) + (node.negated() ? " IS NOT NULL" : " IS NULL");
    }

    @Override
    protected String visitLogicalBinary(LogicalBinary node, Void context) {
        return operand(node.left()) + " " + node.operator().name() + " " + operand(node.right());
    }

    @Override
    protected String visitNot(Not node, Void context) {
        return "NOT " + operand(node.value());
    }

    @Override
    protected String visitFunctionCall(FunctionCall node, Void context) {
        return switch (analysis.function(node)) {
            case FunctionBinding.BuiltIn(BuiltInFunction function) -> builtIn(node, function);
            case FunctionBinding.User(UserFunction function) -> userFunction(node, function);
        };
    }

    /**
     * PostgreSQL picks a function by the types of its arguments and never narrows a number
     * (bigint to integer) or reads a varchar as a timestamp on its own: such arguments are
     * cast to the declared type. Strings are passed as they are, since a cast to CHAR would
     * cut them to one character.
     */
    private String userFunction(FunctionCall node, UserFunction function) {
        List<FunctionSignature.Parameter> parameters = function.signature().parameters();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Expression argument = node.arguments().get(i);
            ColumnType declared = parameters.get(i).type().columnType();
            boolean cast = (declared.isNumeric() || declared == ColumnType.TIMESTAMP) && analysis.type(argument) != declared;
            arguments.add(cast ? "CAST(" + format(argument) + " AS " + PostgresTypes.name(declared) + ")" : format(argument));
        }
        return qualifiedName(function.sqlName()) + "(" + String.join(", ", arguments) + ")";
    }

    private String builtIn(FunctionCall node, BuiltInFunction function) {
        List<Expression> arguments = node.arguments();
        return switch (function) {
            case ABS, CEILING, FLOOR, DEGREES, RADIANS, EXP, SQRT, POWER, SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, COT,
                 LOWER, UPPER, COALESCE -> function.name().toLowerCase(Locale.ROOT) + "(" + arguments(arguments) + ")";
            // ADQL's LOG is the natural logarithm, PostgreSQL's log is base 10
            case LOG -> "ln(" + arguments(arguments) + ")";
            case LOG10 -> "log(" + arguments(arguments) + ")";
            case PI -> "pi()";
            case RAND -> {
                if (!arguments.isEmpty()) {
                    throw notSupported(node, "RAND with a seed");
                }
                yield "random()";
            }
            case MOD -> exactNumeric(arguments.get(0)) && exactNumeric(arguments.get(1))
                    ? "mod(" + arguments(arguments) + ")"
                    // PostgreSQL has no mod() for floating point: go through numeric and back
                    : "CAST(mod(" + asNumeric(arguments.get(0)) + ", " + asNumeric(arguments.get(1)) + ") AS double precision)";
            case ROUND -> decimalPlaces("round", arguments);
            case TRUNCATE -> decimalPlaces("trunc", arguments);
            case POINT, CIRCLE, BOX, POLYGON, CENTROID, AREA, COORD1, COORD2, COORDSYS, CONTAINS, INTERSECTS, DISTANCE ->
                    geometry.function(node, function);
            case REGION -> throw notSupported(node, "REGION");
            case IN_UNIT -> throw notSupported(node, "IN_UNIT");
        };
    }

    /**
     * ROUND and TRUNCATE go through numeric, with or without decimal places: PostgreSQL has
     * decimal places for numeric only, and its double precision round() breaks ties to even
     * where numeric breaks them away from zero, so ROUND(6.5) would differ from ROUND(6.5, 0).
     * ADQL returns a double. The places are cast to integer, the only type PostgreSQL takes
     * there: a bigint argument would find no function at all.
     */
    private String decimalPlaces(String function, List<Expression> arguments) {
        String places = arguments.size() == 2 ? ", CAST(" + format(arguments.get(1)) + " AS integer)" : "";
        return "CAST(" + function + "(" + asNumeric(arguments.getFirst()) + places + ") AS double precision)";
    }

    private boolean exactNumeric(Expression expression) {
        return analysis.type(expression).isExactNumeric();
    }

    private String asNumeric(Expression expression) {
        return "CAST(" + format(expression) + " AS numeric)";
    }
}
