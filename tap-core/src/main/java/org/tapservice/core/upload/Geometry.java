package org.tapservice.core.upload;

/**
 * DALI geometry values (degrees) in pgsphere's input syntax, in radians: the same multiplication
 * by pi/180 that ADQL's POINT becomes in SQL ({@code radians()}), so an uploaded point equals the
 * point a query builds from the same coordinates. Values pgsphere would refuse, or silently move
 * over a pole, are refused here with the reason.
 */
final class Geometry {

    /** pgsphere's largest circle. */
    private static final double MAX_RADIUS = 90;

    private Geometry() {
    }

    /** {@code (lon,lat)}; false (NULL) for a point with a NaN coordinate. */
    static boolean point(double[] values, StringBuilder copy) {
        if (values.length != 2) {
            throw new IllegalArgumentException("a point has 2 coordinates, this one " + values.length);
        }
        if (hasNaN(values)) {
            return false;
        }
        position(values[0], values[1], copy);
        return true;
    }

    /** {@code <(lon,lat),radius>}. */
    static boolean circle(double[] values, StringBuilder copy) {
        if (values.length != 3) {
            throw new IllegalArgumentException("a circle has 3 values (centre and radius), this one "
                    + values.length);
        }
        if (hasNaN(values)) {
            return false;
        }
        double radius = values[2];
        if (!(radius >= 0 && radius <= MAX_RADIUS)) {
            throw new IllegalArgumentException("a circle's radius must be between 0 and 90 degrees, not " + radius);
        }
        copy.append('<');
        position(values[0], values[1], copy);
        copy.append(',').append(Math.toRadians(radius)).append('>');
        return true;
    }

    /** {@code {(lon,lat),(lon,lat),(lon,lat)...}}. */
    static boolean polygon(double[] values, StringBuilder copy) {
        if (values.length < 6 || values.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon has at least 3 vertices, 2 coordinates each; this one "
                    + values.length + " values");
        }
        if (hasNaN(values)) {
            return false;
        }
        copy.append('{');
        for (int i = 0; i < values.length; i += 2) {
            if (i > 0) {
                copy.append(',');
            }
            position(values[i], values[i + 1], copy);
        }
        copy.append('}');
        return true;
    }

    private static void position(double longitude, double latitude, StringBuilder copy) {
        if (Double.isInfinite(longitude) || !(Math.abs(latitude) <= 90)) {
            throw new IllegalArgumentException("(" + longitude + ", " + latitude + ") is no position: the "
                    + "longitude must be finite and the latitude between -90 and 90 degrees");
        }
        copy.append('(').append(Math.toRadians(longitude)).append(',').append(Math.toRadians(latitude)).append(')');
    }

    private static boolean hasNaN(double[] values) {
        for (double value : values) {
            if (Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }
}
