package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.tree.NodeLocation;

import java.util.List;
import java.util.Optional;

/** Type rules shared by operators, functions, CASE and set operations. */
final class Types {

    private static final List<ColumnType> NUMERIC_WIDENING = List.of(
            ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.REAL, ColumnType.DOUBLE);

    private Types() {
    }

    /** The type of {@code a + b}: integers stay integers (so division truncates), anything else is floating point. */
    static ColumnType arithmetic(ColumnType left, ColumnType right) {
        if (left == ColumnType.UNKNOWN || right == ColumnType.UNKNOWN) {
            return left == ColumnType.UNKNOWN ? (right == ColumnType.UNKNOWN ? ColumnType.DOUBLE : right) : left;
        }
        if (left.isExactNumeric() && right.isExactNumeric()) {
            return wider(left, right);
        }
        return left == ColumnType.REAL && right == ColumnType.REAL ? ColumnType.REAL : ColumnType.DOUBLE;
    }

    /** The common type of values that end up in one column (CASE branches, COALESCE, UNION), or empty. */
    static Optional<ColumnType> common(ColumnType first, ColumnType second) {
        if (first == second || second == ColumnType.UNKNOWN) {
            return Optional.of(first);
        }
        if (first == ColumnType.UNKNOWN) {
            return Optional.of(second);
        }
        if (first.isNumeric() && second.isNumeric()) {
            return Optional.of(wider(first, second));
        }
        if (first.isCharacter() && second.isCharacter()) {
            return Optional.of(first == ColumnType.CLOB || second == ColumnType.CLOB ? ColumnType.CLOB : ColumnType.VARCHAR);
        }
        if (first.isGeometry() && second.isGeometry()) {
            return Optional.of(ColumnType.REGION);
        }
        return Optional.empty();
    }

    static ColumnType common(ColumnType first, ColumnType second, NodeLocation location, String what) {
        return common(first, second).orElseThrow(() -> new AdqlException(ErrorCode.TYPE_MISMATCH, location,
                what + ": cannot combine " + first + " and " + second));
    }

    /** Whether two values may be compared with =, <, BETWEEN, IN. */
    static boolean comparable(ColumnType left, ColumnType right) {
        if (left == ColumnType.UNKNOWN || right == ColumnType.UNKNOWN) {
            return true;
        }
        if (left.isGeometry() || right.isGeometry() || left == ColumnType.BLOB || right == ColumnType.BLOB) {
            return false;
        }
        if (left.isNumeric() || right.isNumeric()) {
            return left.isNumeric() && right.isNumeric();
        }
        // strings, timestamps (compared with strings such as '2020-01-01'), booleans
        return true;
    }

    /**
     * The conversions of ADQL 2.1's CAST table (section 4.7): numbers and strings into each other,
     * strings into timestamps and geometries, timestamps into strings. Anything else, a number
     * into a timestamp say, is refused here rather than by the database.
     */
    static boolean castable(ColumnType source, ColumnType target) {
        if (source == ColumnType.UNKNOWN || source == target || source.isCharacter()) {
            return true;
        }
        if (source == ColumnType.TIMESTAMP) {
            return target.isCharacter();
        }
        return source.isNumeric() && (target.isNumeric() || target.isCharacter());
    }

    private static ColumnType wider(ColumnType left, ColumnType right) {
        return NUMERIC_WIDENING.indexOf(left) >= NUMERIC_WIDENING.indexOf(right) ? left : right;
    }

    /** How a type is named in messages: geometry is called out, since that is the usual mistake. */
    static String describe(ColumnType type) {
        return type.isGeometry() ? "a geometry (" + type + ")" : "of type " + type;
    }
}
