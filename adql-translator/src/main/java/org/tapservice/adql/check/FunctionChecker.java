package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.FunctionSignature;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.FunctionCall;
import org.tapservice.adql.tree.StringLiteral;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Argument counts, argument types and result types of the ADQL built-in functions and of the
 * functions the service declares.
 */
final class FunctionChecker {

    /**
     * ADQL 2.1 deprecates the coordinate system argument; a service may ignore it. We
     * ignore the frames our data are in and refuse the rest rather than silently
     * returning positions in the wrong frame.
     */
    private static final Set<String> ACCEPTED_FRAMES = Set.of("", "ICRS", "FK5", "J2000", "UNKNOWNFRAME");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ExpressionAnalyzer expressions;
    private final Analysis analysis;
    private final FunctionCatalog userFunctions;

    FunctionChecker(ExpressionAnalyzer expressions, Analysis analysis, FunctionCatalog userFunctions) {
        this.expressions = expressions;
        this.analysis = analysis;
        this.userFunctions = userFunctions;
    }

    ColumnType check(FunctionCall call, ExpressionContext context) {
        Optional<BuiltInFunction> builtIn = BuiltInFunction.named(call.name());
        if (builtIn.isPresent()) {
            return builtIn(call, builtIn.get(), context);
        }
        UserFunction function = userFunctions.find(call.name()).orElseThrow(() -> new AdqlException(ErrorCode.UNKNOWN_FUNCTION,
                call.location(), "Function '" + call.name().text() + "' does not exist: it is neither an ADQL function"
                        + " nor one of the functions this service declares"));
        analysis.recordFunction(call, new FunctionBinding.User(function));
        Call checked = new Call(call, call.name().text(), context);
        List<FunctionSignature.Parameter> parameters = function.signature().parameters();
        checked.count(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            checked.argument(i, parameters.get(i).type().columnType());
        }
        return function.signature().returnType().columnType();
    }

    private ColumnType builtIn(FunctionCall call, BuiltInFunction function, ExpressionContext context) {
        analysis.recordFunction(call, new FunctionBinding.BuiltIn(function));
        // geometry functions with a coordinate system argument replace this below
        analysis.recordGeometryOperands(call, call.arguments());
        Call checked = new Call(call, function.name(), context);
        return switch (function) {
            case ABS -> {
                checked.count(1);
                ColumnType type = checked.number(0);
                yield type == ColumnType.UNKNOWN ? ColumnType.DOUBLE : type;
            }
            case CEILING, FLOOR, DEGREES, RADIANS, EXP, LOG, LOG10, SQRT, SIN, COS, TAN, ASIN, ACOS, ATAN, COT -> {
                checked.count(1);
                checked.number(0);
                yield ColumnType.DOUBLE;
            }
            case POWER, ATAN2 -> {
                checked.count(2);
                checked.number(0);
                checked.number(1);
                yield ColumnType.DOUBLE;
            }
            case MOD -> {
                checked.count(2);
                ColumnType dividend = checked.number(0);
                ColumnType divisor = checked.number(1);
                yield dividend.isExactNumeric() && divisor.isExactNumeric() ? Types.arithmetic(dividend, divisor) : ColumnType.DOUBLE;
            }
            case PI -> {
                checked.count(0);
                yield ColumnType.DOUBLE;
            }
            case RAND -> {
                checked.countBetween(0, 1);
                if (checked.arguments().size() == 1) {
                    checked.integer(0);
                }
                yield ColumnType.DOUBLE;
            }
            case ROUND, TRUNCATE -> {
                checked.countBetween(1, 2);
                checked.number(0);
                if (checked.arguments().size() == 2) {
                    checked.integer(1);
                }
                yield ColumnType.DOUBLE;
            }
            case LOWER, UPPER -> {
                checked.count(1);
                checked.string(0);
                yield ColumnType.VARCHAR;
            }
            case COALESCE -> {
                checked.countBetween(1, Integer.MAX_VALUE);
                ColumnType type = ColumnType.UNKNOWN;
                for (Expression argument : call.arguments()) {
                    type = Types.common(type, expressions.analyze(argument, context), argument.location(), "COALESCE");
                }
                yield type;
            }
            case IN_UNIT -> {
                checked.count(2);
                checked.number(0);
                checked.string(1);
                yield ColumnType.DOUBLE;
            }
            case REGION -> {
                checked.count(1);
                checked.string(0);
                yield ColumnType.REGION;
            }
            case POINT -> {
                List<Expression> operands = checked.geometryOperands();
                checked.operandCount(operands, 2, 2);
                checked.numbers(operands);
                CoordinateLimits.pairs(operands);
                yield ColumnType.POINT;
            }
            case CIRCLE -> {
                List<Expression> operands = checked.geometryOperands();
                checked.centreAnd(operands, 1);
                CoordinateLimits.pairs(operands.subList(0, operands.size() - 1));
                CoordinateLimits.radius(operands.getLast());
                yield ColumnType.CIRCLE;
            }
            case BOX -> {
                List<Expression> operands = checked.geometryOperands();
                checked.centreAnd(operands, 2);
                CoordinateLimits.pairs(operands.subList(0, operands.size() - 2));
                yield ColumnType.POLYGON;
            }
            case POLYGON -> {
                List<Expression> operands = checked.geometryOperands();
                checked.vertices(operands);
                CoordinateLimits.pairs(operands);
                yield ColumnType.POLYGON;
            }
            case CENTROID, AREA, COORDSYS -> {
                checked.count(1);
                checked.geometry(0);
                yield function == BuiltInFunction.CENTROID ? ColumnType.POINT
                        : function == BuiltInFunction.AREA ? ColumnType.DOUBLE : ColumnType.VARCHAR;
            }
            case COORD1, COORD2 -> {
                checked.count(1);
                checked.point(0);
                yield ColumnType.DOUBLE;
            }
            case CONTAINS, INTERSECTS -> {
                checked.count(2);
                checked.geometry(0);
                checked.geometry(1);
                yield ColumnType.INTEGER;
            }
            case DISTANCE -> {
                if (call.arguments().size() == 4) {
                    checked.numbers(call.arguments());
                    CoordinateLimits.pairs(call.arguments());
                }
                else {
                    checked.count(2);
                    checked.point(0);
                    checked.point(1);
                }
                yield ColumnType.DOUBLE;
            }
        };
    }

    /** One call being checked; messages name a built-in by its ADQL name, a user-defined function as the query writes it. */
    private final class Call {

        private final FunctionCall call;
        private final String name;
        private final ExpressionContext context;

        Call(FunctionCall call, String name, ExpressionContext context) {
            this.call = call;
            this.name = name;
            this.context = context;
        }

        List<Expression> arguments() {
            return call.arguments();
        }

        void count(int expected) {
            countBetween(expected, expected);
        }

        void countBetween(int min, int max) {
            int actual = call.arguments().size();
            if (actual < min || actual > max) {
                String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
                throw new AdqlException(ErrorCode.WRONG_ARGUMENT_COUNT, call.location(),
                        name + " takes " + expected + " argument" + (min == 1 && max == 1 ? "" : "s") + ", not " + actual);
            }
        }

        ColumnType number(int index) {
            return expressions.numeric(call.arguments().get(index), context, () -> role(index));
        }

        void numbers(List<Expression> operands) {
            for (int i = 0; i < operands.size(); i++) {
                number(argumentIndex(operands, i));
            }
        }

        /**
         * Where operand i stands among the arguments: operands are the arguments or their tail.
         * Found by position, not by equality, since equal arguments (a vertex given twice) are
         * each checked.
         */
        private int argumentIndex(List<Expression> operands, int i) {
            return call.arguments().size() - operands.size() + i;
        }

        void integer(int index) {
            ColumnType type = number(index);
            if (type != ColumnType.UNKNOWN && !type.isExactNumeric()) {
                throw mismatch(index, "an integer", type);
            }
        }

        void string(int index) {
            ColumnType type = expressions.analyze(call.arguments().get(index), context);
            if (type != ColumnType.UNKNOWN && !type.isCharacter()) {
                throw mismatch(index, "a string", type);
            }
        }

        ColumnType geometry(int index) {
            ColumnType type = expressions.analyze(call.arguments().get(index), context);
            if (type != ColumnType.UNKNOWN && !type.isGeometry()) {
                throw mismatch(index, "a geometry", type);
            }
            return type;
        }

        void point(int index) {
            ColumnType type = geometry(index);
            if (type != ColumnType.UNKNOWN && type != ColumnType.POINT) {
                throw mismatch(index, "a POINT", type);
            }
        }

        /**
         * The arguments that describe the shape: a leading string is the deprecated
         * coordinate system, which is checked and then dropped.
         */
        List<Expression> geometryOperands() {
            List<Expression> arguments = call.arguments();
            List<Expression> operands = arguments;
            if (!arguments.isEmpty() && expressions.analyze(arguments.getFirst(), context).isCharacter()) {
                checkFrame(arguments.getFirst());
                operands = arguments.subList(1, arguments.size());
            }
            analysis.recordGeometryOperands(call, operands);
            return operands;
        }

        private void checkFrame(Expression frame) {
            if (frame instanceof StringLiteral literal) {
                String[] words = WHITESPACE.split(literal.value().strip());
                if (!ACCEPTED_FRAMES.contains(words[0].toUpperCase(Locale.ROOT))) {
                    throw new AdqlException(ErrorCode.NOT_SUPPORTED, frame.location(),
                            "coordinate system '" + literal.value() + "' is not supported: positions are in ICRS");
                }
            }
        }

        void operandCount(List<Expression> operands, int min, int max) {
            if (operands.size() < min || operands.size() > max) {
                throw new AdqlException(ErrorCode.WRONG_ARGUMENT_COUNT, call.location(), name + " takes "
                        + (min == max ? String.valueOf(min) : min + " to " + max)
                        + " numbers after the optional coordinate system, not " + operands.size());
            }
        }

        /** CIRCLE (centre, radius) and BOX (centre, width, height): the centre is two numbers or a POINT. */
        void centreAnd(List<Expression> operands, int sizes) {
            if (operands.size() == sizes + 1 && !expressions.analyze(operands.getFirst(), context).isNumeric()) {
                point(argumentIndex(operands, 0));
                numbers(operands.subList(1, operands.size()));
                return;
            }
            if (operands.size() != sizes + 2) {
                throw new AdqlException(ErrorCode.WRONG_ARGUMENT_COUNT, call.location(), name + " takes a centre (two numbers or a POINT) and "
                        + sizes + (sizes == 1 ? " radius" : " sizes") + " after the optional coordinate system, not " + operands.size() + " arguments");
            }
            numbers(operands);
        }

        /** POLYGON: at least three vertices, each two numbers or a POINT. */
        void vertices(List<Expression> operands) {
            boolean points = !operands.isEmpty() && !expressions.analyze(operands.getFirst(), context).isNumeric()
                    && expressions.analyze(operands.getFirst(), context) != ColumnType.UNKNOWN;
            if (points) {
                if (operands.size() < 3) {
                    throw new AdqlException(ErrorCode.WRONG_ARGUMENT_COUNT, call.location(), "POLYGON needs at least 3 vertices, not " + operands.size());
                }
                for (int i = 0; i < operands.size(); i++) {
                    point(argumentIndex(operands, i));
                }
                return;
            }
            if (operands.size() < 6 || operands.size() % 2 != 0) {
                throw new AdqlException(ErrorCode.WRONG_ARGUMENT_COUNT, call.location(),
                        "POLYGON needs at least 3 vertices given as pairs of numbers, not " + operands.size() + " numbers");
            }
            numbers(operands);
        }

        /**
         * An argument of a user-defined function: what PostgreSQL can pass as the declared type,
         * by the rules the built-in functions follow (any number for a floating-point parameter,
         * integers only for an integer one, any string for a string). A timestamp may be given
         * as a string, as in comparisons.
         */
        void argument(int index, ColumnType declared) {
            if (declared.isExactNumeric()) {
                integer(index);
            }
            else if (declared.isNumeric()) {
                number(index);
            }
            else if (declared.isCharacter()) {
                string(index);
            }
            else if (declared == ColumnType.REGION) {
                geometry(index);
            }
            else {
                ColumnType type = expressions.analyze(call.arguments().get(index), context);
                boolean timestampText = declared == ColumnType.TIMESTAMP && type.isCharacter();
                if (type != ColumnType.UNKNOWN && type != declared && !timestampText) {
                    throw mismatch(index, "a " + declared, type);
                }
            }
        }

        private AdqlException mismatch(int index, String expected, ColumnType actual) {
            return new AdqlException(ErrorCode.TYPE_MISMATCH, call.arguments().get(index).location(),
                    role(index) + " must be " + expected + ", but it is " + Types.describe(actual));
        }

        private String role(int index) {
            return "argument " + (index + 1) + " of " + name;
        }
    }
}
