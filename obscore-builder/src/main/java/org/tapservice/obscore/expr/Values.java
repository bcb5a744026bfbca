package org.tapservice.obscore.expr;

/** The value types of expressions: String, Double, Boolean, and null for "unknown". */
final class Values {

    private Values() {
    }

    /** Text of a value; a whole number is written without a fraction (EXPNUM 12, not 12.0). */
    static String toText(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "the text '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
            case Double d -> "the number " + toText(d);
            case Boolean b -> "the truth value " + b;
            default -> value.getClass().getSimpleName();
        };
    }
}
