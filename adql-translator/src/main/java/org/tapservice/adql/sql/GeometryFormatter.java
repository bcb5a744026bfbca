package org.tapservice.adql.sql;

import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.check.Analysis;
import org.tapservice.adql.check.BuiltInFunction;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Comparison;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.Expressions;
import org.tapservice.adql.tree.FunctionCall;
import org.tapservice.adql.tree.NumericLiteral;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.tapservice.adql.sql.PostgresSqlFormatter.notSupported;

/**
 * ADQL geometry in pgsphere terms. ADQL speaks degrees, pgsphere radians; a POINT
 * becomes {@code spoint(radians(ra), radians(dec))}, the very expression a GiST index
 * of a positional table is built on, so cone searches can use it.
 */
final class GeometryFormatter {

    /** pgsphere refuses circles of a larger radius, in degrees. */
    private static final BigDecimal MAX_CIRCLE_RADIUS = BigDecimal.valueOf(90);

    private final Analysis analysis;
    private final PostgresExpressionFormatter expressions;

    GeometryFormatter(Analysis analysis, PostgresExpressionFormatter expressions) {
        this.analysis = analysis;
        this.expressions = expressions;
    }

    /** A comparison that is better printed as an indexable pgsphere condition, if it is one. */
    Optional<String> asPredicate(Comparison comparison) {
        return containment(comparison).or(() -> withinDistance(comparison));
    }

    /**
     * {@code 1 = CONTAINS(a, b)}, {@code CONTAINS(a, b) = 0} and the like: ADQL's way of
     * writing a geometric predicate. Printed as the bare pgsphere operator (or its
     * negation) so that the planner sees an indexable condition.
     */
    private Optional<String> containment(Comparison comparison) {
        if (comparison.operator() != Comparison.Operator.EQUAL && comparison.operator() != Comparison.Operator.NOT_EQUAL) {
            return Optional.empty();
        }
        Optional<FunctionCall> call = predicateFunction(comparison.left()).or(() -> predicateFunction(comparison.right()));
        Optional<BigInteger> truth = truthValue(comparison.right()).or(() -> truthValue(comparison.left()));
        if (call.isEmpty() || truth.isEmpty()) {
            return Optional.empty();
        }
        boolean wantsTrue = truth.get().equals(BigInteger.ONE) == (comparison.operator() == Comparison.Operator.EQUAL);
        String predicate = predicate(call.get());
        return Optional.of(wantsTrue ? predicate : "NOT (" + predicate + ")");
    }

    /**
     * {@code DISTANCE(p, q) < r} (or {@code <=}, or written the other way round) with r a literal
     * of at most 90 degrees, pgsphere's largest circle: ADQL 2.1's preferred cone search and
     * crossmatch. The distance alone is no index condition, so the points within the circle of
     * radius r are asked for too, a condition a GiST index on p can answer; the distance then
     * keeps the exact comparison. A point that is constant becomes the centre; when both points
     * depend on rows (a crossmatch), the circle is written around each, so that an index on
     * either table can be used.
     */
    private Optional<String> withinDistance(Comparison comparison) {
        Optional<Boolean> distanceFirst = switch (comparison.operator()) {
            case LESS_THAN, LESS_THAN_OR_EQUAL -> Optional.of(true);
            case GREATER_THAN, GREATER_THAN_OR_EQUAL -> Optional.of(false);
            case EQUAL, NOT_EQUAL -> Optional.empty();
        };
        if (distanceFirst.isEmpty()) {
            return Optional.empty();
        }
        Expression distance = distanceFirst.get() ? comparison.left() : comparison.right();
        Expression radius = distanceFirst.get() ? comparison.right() : comparison.left();
        if (!(distance instanceof FunctionCall call) || !analysis.function(call).is(BuiltInFunction.DISTANCE)
                || !(radius instanceof NumericLiteral literal) || literal.value().compareTo(MAX_CIRCLE_RADIUS) > 0) {
            return Optional.empty();
        }
        List<Expression> operands = analysis.geometryOperands(call);
        List<Expression> first = operands.subList(0, operands.size() / 2);
        List<Expression> second = operands.subList(operands.size() / 2, operands.size());
        boolean firstConstant = first.stream().allMatch(GeometryFormatter::constant);
        boolean secondConstant = second.stream().allMatch(GeometryFormatter::constant);
        String p = distancePoint(first);
        String q = distancePoint(second);
        String r = expressions.format(radius);
        List<String> conditions = new ArrayList<>();
        if (!firstConstant || secondConstant) {
            conditions.add(p + " <@ scircle(" + q + ", radians(" + r + "))");
        }
        if (!secondConstant) {
            conditions.add(q + " <@ scircle(" + p + ", radians(" + r + "))");
        }
        Comparison.Operator operator = distanceFirst.get() ? comparison.operator() : mirrored(comparison.operator());
        conditions.add("degrees(" + p + " <-> " + q + ") " + operator.symbol() + " " + r);
        return Optional.of(String.join(" AND ", conditions));
    }

    /** A point of DISTANCE: a POINT, or a pair of numbers in its four-number form. */
    private String distancePoint(List<Expression> operands) {
        return operands.size() == 2 ? point(operands.get(0), operands.get(1)) : geometry(operands.getFirst());
    }

    private static Comparison.Operator mirrored(Comparison.Operator operator) {
        return switch (operator) {
            case GREATER_THAN -> Comparison.Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Comparison.Operator.LESS_THAN_OR_EQUAL;
            default -> operator;
        };
    }

    /** Whether an expression is the same on every row: no column in it. */
    private static boolean constant(Expression expression) {
        return !(expression instanceof ColumnReference) && Expressions.children(expression).stream().allMatch(GeometryFormatter::constant);
    }

    private Optional<FunctionCall> predicateFunction(Expression expression) {
        if (expression instanceof FunctionCall call
                && (analysis.function(call).is(BuiltInFunction.CONTAINS) || analysis.function(call).is(BuiltInFunction.INTERSECTS))) {
            return Optional.of(call);
        }
        return Optional.empty();
    }

    private static Optional<BigInteger> truthValue(Expression expression) {
        if (expression instanceof NumericLiteral literal && literal.isInteger()) {
            BigInteger value = literal.integerValue();
            if (value.equals(BigInteger.ZERO) || value.equals(BigInteger.ONE)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    String function(FunctionCall call, BuiltInFunction function) {
        List<Expression> operands = analysis.geometryOperands(call);
        return switch (function) {
            case POINT -> point(operands.get(0), operands.get(1));
            case CIRCLE -> operands.size() == 3
                    ? "scircle(" + point(operands.get(0), operands.get(1)) + ", " + radians(operands.get(2)) + ")"
                    : "scircle(" + geometry(operands.get(0)) + ", " + radians(operands.get(1)) + ")";
            case BOX -> box(operands);
            case POLYGON -> polygon(operands);
            case CENTROID -> centroid(call, operands.getFirst());
            // steradians to square degrees
            case AREA -> "degrees(degrees(area(" + geometry(operands.getFirst()) + ")))";
            case COORD1 -> "degrees(long(" + geometry(operands.getFirst()) + "))";
            case COORD2 -> "degrees(lat(" + geometry(operands.getFirst()) + "))";
            // every position is taken to be ICRS (see the coordinate system check)
            case COORDSYS -> "'ICRS'";
            case DISTANCE -> operands.size() == 4
                    ? "degrees(" + point(operands.get(0), operands.get(1)) + " <-> " + point(operands.get(2), operands.get(3)) + ")"
                    : "degrees(" + geometry(operands.get(0)) + " <-> " + geometry(operands.get(1)) + ")";
            // as a value ADQL's predicates are 1 or 0
            case CONTAINS, INTERSECTS -> "CAST((" + predicate(call) + ") AS integer)";
            default -> throw notSupported(call, function.name());
        };
    }

    /** CONTAINS(a, b): a lies in b. INTERSECTS with a point is CONTAINS of that point. */
    private String predicate(FunctionCall call) {
        Expression first = call.arguments().get(0);
        Expression second = call.arguments().get(1);
        if (analysis.function(call).is(BuiltInFunction.CONTAINS)) {
            return geometry(first) + " <@ " + container(second);
        }
        if (analysis.type(first) == ColumnType.POINT) {
            return geometry(first) + " <@ " + container(second);
        }
        if (analysis.type(second) == ColumnType.POINT) {
            return geometry(second) + " <@ " + container(first);
        }
        return geometry(first) + " && " + geometry(second);
    }

    /**
     * The second operand of {@code <@}. pgsphere has no operator for containment in a point, so
     * a point becomes the circle of radius zero around it: only that point, or a shape shrunk
     * to it, lies within.
     */
    private String container(Expression shape) {
        return analysis.type(shape) == ColumnType.POINT ? "scircle(" + geometry(shape) + ")" : geometry(shape);
    }

    private String geometry(Expression expression) {
        return expressions.format(expression);
    }

    private String point(Expression longitude, Expression latitude) {
        return "spoint(" + radians(longitude) + ", " + radians(latitude) + ")";
    }

    private String radians(Expression degrees) {
        return "radians(" + expressions.format(degrees) + ")";
    }

    /**
     * BOX(centre, width, height) as the pgsphere box between its corners: a box bounded by
     * lines of constant longitude and latitude, which is what ADQL 2.0 services commonly
     * implemented (2.1 deprecates BOX).
     */
    private String box(List<Expression> operands) {
        boolean centrePoint = operands.size() == 3;
        String centreLongitude = centrePoint ? "long(" + geometry(operands.get(0)) + ")" : radians(operands.get(0));
        String centreLatitude = centrePoint ? "lat(" + geometry(operands.get(0)) + ")" : radians(operands.get(1));
        String halfWidth = radians(operands.get(centrePoint ? 1 : 2)) + " / 2";
        String halfHeight = radians(operands.get(centrePoint ? 2 : 3)) + " / 2";
        return "sbox(spoint(" + centreLongitude + " - " + halfWidth + ", " + centreLatitude + " - " + halfHeight + "), "
                + "spoint(" + centreLongitude + " + " + halfWidth + ", " + centreLatitude + " + " + halfHeight + "))";
    }

    /**
     * pgsphere (1.2) builds a polygon from computed vertices only with its spoly(spoint)
     * aggregate, which crashes the database server when its first vertex is NULL and silently
     * drops a later NULL one. The vertices therefore go to {@link PgsphereGuards#POLYGON}, which
     * makes the polygon NULL for a NULL vertex, refuses a vertex that is not a finite position
     * and a polygon pgsphere would not build, and only then calls the aggregate. Pairs of numbers
     * go in degrees, so that a latitude beyond the pole is refused rather than wrapped over it.
     */
    private String polygon(List<Expression> operands) {
        boolean numbers = analysis.type(operands.getFirst()).isNumeric() || analysis.type(operands.getFirst()) == ColumnType.UNKNOWN;
        List<String> values = new ArrayList<>(operands.size());
        operands.forEach(operand -> values.add(expressions.format(operand)));
        String array = "ARRAY[" + String.join(", ", values) + "]";
        return PgsphereGuards.POLYGON + "(" + (numbers ? "CAST(" + array + " AS double precision[])" : array) + ")";
    }

    /**
     * A result column's value as DALI 1.1 writes it (arrays of doubles in degrees): a point
     * {@code [ra, dec]}, a circle {@code [ra, dec, radius]}, a polygon {@code [ra1, dec1, ra2,
     * dec2, ...]}; other values as they are. Done here, in the SQL, because only the translator
     * knows which columns hold geometry, and the arrays reach JDBC as plain double precision[].
     *
     * <p>pgsphere 1.2 has no function giving a polygon's vertices, so they are read from its text
     * form (radians to 15 significant digits, about 1e-13 degree). A BOX is an sbox, whose text
     * holds two corners, south-west and north-east, where a polygon has at least three: its four
     * corners are listed south-west, south-east, north-east, north-west, the order of DALI's own
     * example.
     */
    String dali(String value, ColumnType type) {
        return switch (type) {
            case POINT -> "CASE WHEN " + value + " IS NULL THEN NULL ELSE ARRAY[" + coordinates(value) + "] END";
            case CIRCLE -> "CASE WHEN " + value + " IS NULL THEN NULL ELSE ARRAY[" + coordinates("center(" + value + ")")
                    + ", degrees(radius(" + value + "))] END";
            case POLYGON -> "(SELECT array_agg(degrees(vertex.v) ORDER BY vertex.i)"
                    + " FROM (SELECT CAST(string_to_array(translate(CAST(" + value + " AS text), '{}() ', ''), ',')"
                    + " AS double precision[]) AS a) AS shape,"
                    + " unnest(CASE cardinality(shape.a) WHEN 4 THEN ARRAY[shape.a[1], shape.a[2], shape.a[3], shape.a[2],"
                    + " shape.a[3], shape.a[4], shape.a[1], shape.a[4]] ELSE shape.a END) WITH ORDINALITY AS vertex(v, i))";
            default -> value;
        };
    }

    private static String coordinates(String point) {
        return "degrees(long(" + point + ")), degrees(lat(" + point + "))";
    }

    private String centroid(FunctionCall call, Expression shape) {
        return switch (analysis.type(shape)) {
            case POINT -> geometry(shape);
            case CIRCLE -> "center(" + geometry(shape) + ")";
            default -> throw notSupported(call, "CENTROID of a " + analysis.type(shape));
        };
    }
}
