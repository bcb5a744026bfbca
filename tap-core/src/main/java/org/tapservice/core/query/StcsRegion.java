package org.tapservice.core.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An ADQL REGION value as TAP 1.0 (section 6) and ObsCore 1.1 (s_region) write it:
 * an STC-S string, {@code Polygon ICRS 10 20 11 20 11 21}, {@code Circle ICRS 10 20 1} or
 * {@code Position ICRS 10 20}, in degrees. A column whose FIELD says {@code datatype="char"
 * xtype="adql:REGION"} gets its pgsphere values written this way, in every format.
 *
 * <p>pgsphere 1.2 gives no function for a shape's coordinates, so they are read from its text
 * form: radians to 15 significant digits (or degrees marked {@code d} in its DEG output mode).
 * The degrees are written to 12 significant digits, which that text carries with room to spare
 * (about 1e-13 degree), so that a vertex stored as 10 degrees reads 10 and not 9.99999999999998.
 * An sbox, bounded by lines of constant longitude and latitude, has no STC-S form of its own
 * and is written as the polygon of its corners, as the DALI polygons are. A value that is none
 * of these (another output mode, a path, a line) is written as null: the rows around it stay
 * readable, and nothing that is not STC-S appears in a column that promises it.
 */
final class StcsRegion {

    /** The PostgreSQL types whose text this class reads. */
    private static final Set<String> PGSPHERE_TYPES = Set.of("spoint", "scircle", "sbox", "spoly");
    private static final MathContext DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);
    private static final BigDecimal FULL_CIRCLE = BigDecimal.valueOf(360);

    private StcsRegion() {
    }

    /** Whether a FIELD's xtype is ADQL's REGION (TAP 1.0's {@code adql:REGION}, any case). */
    static boolean isRegion(String xtype) {
        if (xtype == null) {
            return false;
        }
        String bare = xtype.strip().toLowerCase(Locale.ROOT);
        return bare.equals("adql:region") || bare.equals("region");
    }

    /** Whether values of this PostgreSQL type (ResultSetMetaData's type name) are pgsphere shapes. */
    static boolean isPgSphere(String sqlType) {
        return PGSPHERE_TYPES.contains(sqlType);
    }

    /** The STC-S of a pgsphere value's text, or empty when the text is not one of its shapes. */
    static Optional<String> fromPgSphere(String text) {
        String shape = text.strip();
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        double[] numbers = numbers(shape);
        if (numbers == null) {
            return Optional.empty();
        }
        char first = shape.charAt(0);
        if (first == '{' && numbers.length >= 6 && numbers.length % 2 == 0) {
            return Optional.of(write("Polygon", numbers));
        }
        if (first == '<' && numbers.length == 3) {
            return Optional.of(write("Circle", numbers));
        }
        if (first == '(' && shape.length() > 1 && shape.charAt(1) == '(' && numbers.length == 4) {
            double west = numbers[0];
            double south = numbers[1];
            double east = numbers[2];
            double north = numbers[3];
            return Optional.of(write("Polygon", new double[] {west, south, east, south, east, north, west, north}));
        }
        if (first == '(' && numbers.length == 2) {
            return Optional.of(write("Position", numbers));
        }
        return Optional.empty();
    }

    /** The numbers of the text in degrees, or null when one of them is not a finite angle. */
    private static double[] numbers(String shape) {
        String[] parts = shape.replaceAll("[{}()<>]", " ").split(",");
        double[] degrees = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            boolean inDegrees = part.endsWith("d");
            try {
                double value = Double.parseDouble(inDegrees ? part.substring(0, part.length() - 1) : part);
                degrees[i] = inDegrees ? value : Math.toDegrees(value);
            } catch (NumberFormatException notAnAngle) {
                return null;
            }
            if (!Double.isFinite(degrees[i])) {
                return null;
            }
        }
        return degrees;
    }

    /** Longitudes are the even positions before a circle's radius. */
    private static String write(String shape, double[] degrees) {
        int coordinates = shape.equals("Circle") ? 2 : degrees.length;
        StringBuilder text = new StringBuilder(shape.length() + 5 + degrees.length * 14).append(shape).append(" ICRS");
        for (int i = 0; i < degrees.length; i++) {
            BigDecimal value = new BigDecimal(degrees[i]).round(DIGITS);
            if (i < coordinates && i % 2 == 0 && value.compareTo(FULL_CIRCLE) >= 0) {
                // 359.9999999999999 rounds to 360, which is longitude 0
                value = value.subtract(FULL_CIRCLE);
            }
            text.append(' ').append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }
        return text.toString();
    }
}
