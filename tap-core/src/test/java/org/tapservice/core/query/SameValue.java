package org.tapservice.core.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a cell a reader gave back holds the value written, whatever form the reader gives it
 * in: typed readers give numbers, booleans and primitive arrays, text readers strings (arrays
 * space-separated, booleans T/F), JSON lists. Floating-point values match to a relative 1e-6
 * for a float and 1e-12 for a double (pgsphere keeps radians, so degrees come back rounded).
 * A null matches every empty form a format may give it: null, an empty string or array, NaN,
 * or an array of NaN (a fixed-size array in a format without array nulls).
 */
final class SameValue {

    private SameValue() {
    }

    static boolean matches(Object expected, Object actual) {
        if (expected == null) {
            return isEmpty(actual);
        }
        if (actual == null) {
            return false;
        }
        return switch (expected) {
            case Boolean b -> actual instanceof Boolean a ? a.equals(b) : text(actual).equals(b ? "T" : "F")
                    || text(actual).equalsIgnoreCase(b.toString());
            case Float f -> number(actual) instanceof Double a && close(f, a, 1e-6);
            case Double d -> number(actual) instanceof Double a && close(d, a, 1e-12);
            case Number n -> integer(actual) instanceof Long a && a == n.longValue();
            case String s -> text(actual).equals(s);
            default -> elements(expected).size() == elements(actual).size() && allMatch(elements(expected), elements(actual));
        };
    }

    private static boolean allMatch(List<Object> expected, List<Object> actual) {
        for (int i = 0; i < expected.size(); i++) {
            if (!matches(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double expected, double actual, double relative) {
        return expected == actual || Math.abs(expected - actual) <= relative * Math.max(Math.abs(expected), 1e-300)
                || Math.abs(expected - actual) < 1e-9 && Math.abs(expected) < 1e3; // degrees near zero
    }

    /** A number however given; null if it is not one. */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(text(value).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** An integer however given, exactly; null if it is not one. */
    private static Long integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            return Long.valueOf(text(value));
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof Character c ? c.toString() : value.toString();
    }

    private static List<Object> elements(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
            return elements;
        }
        String text = text(value).strip();
        return text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList((Object[]) text.split(" +")));
    }

    private static boolean isEmpty(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> s.isEmpty() || s.equals("NaN");
            case Double d -> d.isNaN();
            case Float f -> f.isNaN();
            default -> (value instanceof List<?> || value.getClass().isArray())
                    && elements(value).stream().allMatch(SameValue::isEmpty);
        };
    }
}
