package org.tapservice.core.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tapservice.core.query.CorpusExpectation.Cell;

import uk.ac.starlink.table.ColumnInfo;

/**
 * How a value read back from a VOTable result compares with its expected text. Integers and
 * strings must be equal. Floating-point values are equal within a relative 1e-9 (double) or
 * 1e-6 (float), with an absolute floor of 1e-12: PostgreSQL and the JVM may round the last
 * digits of a computed value differently, and geometry goes through radians and back. Arrays
 * (DALI geometry) are written as their elements separated by spaces and compared element by
 * element. A NULL matches a null or a floating-point NaN, VOTable's null for floats; an empty
 * string matches an empty string or a null, since the result formats write both alike.
 */
final class CorpusValues {

    private static final double DOUBLE_TOLERANCE = 1e-9;
    private static final double FLOAT_TOLERANCE = 1e-6;
    private static final double ABSOLUTE_FLOOR = 1e-12;

    private CorpusValues() {
    }

    static boolean matches(Cell expected, Object actual) {
        if (expected.text().isEmpty()) {
            return isNull(actual);
        }
        String text = expected.text().get();
        if (isNull(actual)) {
            return text.isEmpty();
        }
        if (actual.getClass().isArray()) {
            return arrayMatches(text, actual);
        }
        return scalarMatches(text, actual);
    }

    private static boolean isNull(Object value) {
        return value == null
                || value instanceof Double d && d.isNaN()
                || value instanceof Float f && f.isNaN();
    }

    private static boolean arrayMatches(String text, Object actual) {
        String[] elements = text.isBlank() ? new String[0] : text.strip().split("\\s+");
        if (elements.length != Array.getLength(actual)) {
            return false;
        }
        for (int i = 0; i < elements.length; i++) {
            if (!scalarMatches(elements[i], Array.get(actual, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean scalarMatches(String text, Object actual) {
        try {
            return switch (actual) {
                case Byte b -> Long.parseLong(text) == b;
                case Short s -> Long.parseLong(text) == s;
                case Integer i -> Long.parseLong(text) == i;
                case Long l -> Long.parseLong(text) == l;
                case Float f -> close(parse(text), f, FLOAT_TOLERANCE);
                case Double d -> close(parse(text), d, DOUBLE_TOLERANCE);
                case Boolean b -> text.equalsIgnoreCase(b ? "T" : "F") || text.equalsIgnoreCase(b.toString());
                default -> text.equals(actual.toString());
            };
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static double parse(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean close(double expected, double actual, double tolerance) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            return Double.compare(expected, actual) == 0;
        }
        return Math.abs(expected - actual) <= Math.max(tolerance * Math.abs(expected), ABSOLUTE_FLOOR);
    }

    /** A value as a failure message shows it, in the corpus's own notation. */
    static String display(Object value) {
        if (isNull(value)) {
            return "NULL";
        }
        if (value.getClass().isArray()) {
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(String.valueOf(Array.get(value, i)));
            }
            return "\"" + String.join(" ", elements) + "\"";
        }
        return value instanceof String ? "\"" + value + "\"" : value.toString();
    }

    /**
     * A column's type as the corpus writes it: the VOTable datatype STIL read (char for any
     * string), then the array size for arrays, then the xtype: {@code long}, {@code char timestamp},
     * {@code double[2] point}, {@code double[*] polygon}.
     */
    static String typeOf(ColumnInfo column) {
        Class<?> type = column.getContentClass();
        Class<?> element = type.isArray() ? type.getComponentType() : type;
        String name = element == String.class || element == Character.class ? "char"
                : element.isPrimitive() ? element.getName()
                : element.getSimpleName().toLowerCase(Locale.ROOT).replace("integer", "int");
        if (type.isArray()) {
            int[] shape = column.getShape();
            name += "[" + (shape == null || shape.length == 0 || shape[0] < 0 ? "*" : String.valueOf(shape[0])) + "]";
        }
        return column.getXtype() == null ? name : name + " " + column.getXtype();
    }
}
