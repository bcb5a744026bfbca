package org.tapservice.obscore.wcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A polygon on the sky with its vertices counter-clockwise as DALI 1.1 orders them (seen from
 * inside the sphere with north up, east is to the left: the vertices run south-west, south-east,
 * north-east, north-west for a field aligned with the axes). pgsphere takes any order and keeps
 * the smaller of the two areas a polygon bounds.
 */
public record SkyPolygon(List<SkyPosition> vertices) {

    public SkyPolygon {
        vertices = List.copyOf(vertices);
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices, not " + vertices.size());
        }
    }

    /** The polygon through these vertices, reversed if needed to run counter-clockwise. */
    public static SkyPolygon counterClockwise(List<SkyPosition> vertices) {
        var polygon = new SkyPolygon(vertices);
        if (polygon.signedArea() >= 0) {
            return polygon;
        }
        var reversed = new ArrayList<>(vertices);
        java.util.Collections.reverse(reversed);
        return new SkyPolygon(reversed);
    }

    /** The largest angle between two vertices: the diameter of the region, in degrees. */
    public double diameter() {
        double largest = 0;
        for (int i = 0; i < vertices.size(); i++) {
            for (int j = i + 1; j < vertices.size(); j++) {
                largest = Math.max(largest, vertices.get(i).separation(vertices.get(j)));
            }
        }
        return largest;
    }

    /** pgsphere's input form in degrees: {@code {(10d,20d),(11d,20d),(11d,21d)}}. */
    public String toPgSphere() {
        return vertices.stream().map(v -> String.format(Locale.ROOT, "(%.10fd,%.10fd)", v.ra(), v.dec()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * Twice the area of the polygon projected on the plane tangent at its first vertex, with x
     * towards increasing right ascension and y north: positive when the vertices run
     * counter-clockwise in (ra, dec).
     */
    double signedArea() {
        SkyPosition origin = vertices.getFirst();
        double cosDec = Math.cos(Math.toRadians(origin.dec()));
        double sum = 0;
        for (int i = 0; i < vertices.size(); i++) {
            SkyPosition a = vertices.get(i);
            SkyPosition b = vertices.get((i + 1) % vertices.size());
            double ax = wrap(a.ra() - origin.ra()) * cosDec;
            double ay = a.dec() - origin.dec();
            double bx = wrap(b.ra() - origin.ra()) * cosDec;
            double by = b.dec() - origin.dec();
            sum += ax * by - bx * ay;
        }
        return sum;
    }

    private static double wrap(double degrees) {
        return degrees > 180 ? degrees - 360 : degrees < -180 ? degrees + 360 : degrees;
    }
}
