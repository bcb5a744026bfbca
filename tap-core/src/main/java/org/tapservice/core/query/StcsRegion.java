package org.tapservice.core.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

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
    private static final int DIGITS = 12;
    /** The smallest longitude in degrees that 12 significant digits would write as 360. */
    private static final double ROUNDS_TO_FULL_CIRCLE = 359.9999999995;
    /** 10^0 to 10^17: the scales {@link #decimal} needs for magnitudes from 1e-6 to 1e6. */
    private static final double[] POWERS_OF_TEN = IntStream.rangeClosed(0, DIGITS + 5)
            .mapToDouble(power -> Math.pow(10, power)).toArray();

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

    /**
     * The numbers of the text in degrees, or null when one of them is not a finite angle. The
     * text is scanned by hand: a regular expression per value cost more than the rest together.
     */
    private static double[] numbers(String shape) {
        double[] degrees = new double[8];
        int count = 0;
        int from = 0;
        StringBuilder part = new StringBuilder(24);
        for (int i = 0; i <= shape.length(); i++) {
            char c = i < shape.length() ? shape.charAt(i) : ',';
            if (c != ',') {
                if ("{}()<>".indexOf(c) < 0) {
                    part.append(c);
                }
                continue;
            }
            double value = angle(part.toString().strip());
            if (!Double.isFinite(value)) {
                return null;
            }
            if (count == degrees.length) {
                degrees = Arrays.copyOf(degrees, count * 2);
            }
            degrees[count++] = value;
            part.setLength(0);
        }
        return Arrays.copyOf(degrees, count);
    }

    /** Radians, or degrees marked d, as degrees; NaN when the text is neither. */
    private static double angle(String text) {
        boolean inDegrees = text.endsWith("d");
        try {
            double value = Double.parseDouble(inDegrees ? text.substring(0, text.length() - 1) : text);
            return inDegrees ? value : Math.toDegrees(value);
        } catch (NumberFormatException notAnAngle) {
            return Double.NaN;
        }
    }

    /** Longitudes are the even positions before a circle's radius. */
    private static String write(String shape, double[] degrees) {
        int coordinates = shape.equals("Circle") ? 2 : degrees.length;
        StringBuilder text = new StringBuilder(shape.length() + 5 + degrees.length * 14).append(shape).append(" ICRS");
        for (int i = 0; i < degrees.length; i++) {
            double value = degrees[i];
            if (i < coordinates && i % 2 == 0 && value >= ROUNDS_TO_FULL_CIRCLE) {
                // 359.99999999999997 would be written 360, which is longitude 0
                value = 0;
            }
            decimal(text.append(' '), value);
        }
        return text.toString();
    }

    /**
     * A number to {@link #DIGITS} significant digits without an exponent or trailing zeros. Done
     * with a long for the magnitudes of angles: BigDecimal's exact expansion of a double cost
     * about five microseconds a number, most of the time of a whole result.
     */
    private static StringBuilder decimal(StringBuilder text, double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return text.append('0');
        }
        if (magnitude < 1e-6 || magnitude >= 1e6) {
            BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
            return text.append(rounded.stripTrailingZeros().toPlainString());
        }
        int decimals = DIGITS - 1 - (int) Math.floor(Math.log10(magnitude));
        long scaled = Math.round(magnitude * POWERS_OF_TEN[decimals]);
        String digits = Long.toString(scaled);
        if (value < 0) {
            text.append('-');
        }
        int point = digits.length() - decimals;
        if (point <= 0) {
            text.append("0.").repeat('0', -point).append(digits);
        } else {
            text.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        text.setLength(text.charAt(end - 1) == '.' ? end - 1 : end);
        return text;
    }
}
