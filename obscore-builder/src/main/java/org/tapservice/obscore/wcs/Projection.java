package org.tapservice.obscore.wcs;

import java.util.Optional;

/**
 * The zenithal projections the builder inverts (FITS WCS paper II, section 5.1): from
 * intermediate world coordinates (x, y) in degrees to native spherical (phi, theta) in degrees.
 * Only those: a header with another projection has its spatial fields reported as not derived.
 */
public enum Projection {
    /** Gnomonic: R = (180/pi) cot(theta). */
    TAN,
    /** Orthographic (slant parameters PV2_1, PV2_2 zero): R = (180/pi) cos(theta). */
    SIN,
    /** Zenithal equidistant: R = 90 - theta. */
    ARC;

    public static Optional<Projection> of(String code) {
        for (Projection projection : values()) {
            if (projection.name().equals(code)) {
                return Optional.of(projection);
            }
        }
        return Optional.empty();
    }

    /** (phi, theta) of (x, y), empty for a point outside the projection's domain. */
    Optional<double[]> toNative(double x, double y) {
        double r = Math.hypot(x, y);
        double phi = r == 0 ? 0 : Math.toDegrees(Math.atan2(x, -y));
        double theta = switch (this) {
            case TAN -> Math.toDegrees(Math.atan2(180 / Math.PI, r));
            case SIN -> {
                double cos = Math.toRadians(r);
                yield cos > 1 ? Double.NaN : Math.toDegrees(Math.acos(cos));
            }
            case ARC -> r > 180 ? Double.NaN : 90 - r;
        };
        return Double.isNaN(theta) ? Optional.empty() : Optional.of(new double[] {phi, theta});
    }
}
