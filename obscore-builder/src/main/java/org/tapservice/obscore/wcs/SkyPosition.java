package org.tapservice.obscore.wcs;

/** A position on the sky in ICRS degrees, right ascension in [0, 360). */
public record SkyPosition(double ra, double dec) {

    public SkyPosition {
        if (!Double.isFinite(ra) || !Double.isFinite(dec) || dec < -90 - 1e-9 || dec > 90 + 1e-9) {
            throw new IllegalArgumentException("not a sky position: (" + ra + ", " + dec + ")");
        }
        ra = ((ra % 360) + 360) % 360;
        dec = Math.clamp(dec, -90, 90);
    }

    /** The angle between two positions in degrees (Vincenty's formula: exact at every distance). */
    public double separation(SkyPosition other) {
        double dra = Math.toRadians(other.ra - ra);
        double d1 = Math.toRadians(dec);
        double d2 = Math.toRadians(other.dec);
        double y = Math.hypot(Math.cos(d2) * Math.sin(dra),
                Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(dra));
        double x = Math.sin(d1) * Math.sin(d2) + Math.cos(d1) * Math.cos(d2) * Math.cos(dra);
        return Math.toDegrees(Math.atan2(y, x));
    }
}
