package org.tapservice.obscore.wcs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import org.tapservice.obscore.Outcome;
import org.tapservice.obscore.fits.FitsHeader;

/**
 * The celestial part of a header's world coordinate system (FITS WCS papers I and II): the two
 * axes whose CTYPE is RA---xxx and DEC--xxx, the linear transformation from CDi_j, or PCi_j with
 * CDELTi, or CDELTi with CROTA2, and a zenithal projection with its native pole at the reference
 * point (LONPOLE 180). The frame must be ICRS, FK5 J2000 (which agrees with ICRS within 0.03
 * arcsec) or FK4 B1950 (converted); a header without RADESYS and without EQUINOX is ICRS, and
 * one with EQUINOX before 1984 and no RADESYS is FK4, as paper I says. Distortion terms
 * (-SIP, -TPV) are left out: they move the corners by pixels, not by fields.
 */
public final class CelestialWcs {

    private final int lonAxis;
    private final int latAxis;
    private final long lonLength;
    private final long latLength;
    private final Projection projection;
    private final double[] crpix;
    private final double[][] cd;
    private final double ra0;
    private final double dec0;
    private final boolean fk4;

    private CelestialWcs(int lonAxis, int latAxis, long lonLength, long latLength, Projection projection,
            double[] crpix, double[][] cd, double ra0, double dec0, boolean fk4) {
        this.lonAxis = lonAxis;
        this.latAxis = latAxis;
        this.lonLength = lonLength;
        this.latLength = latLength;
        this.projection = projection;
        this.crpix = crpix;
        this.cd = cd;
        this.ra0 = ra0;
        this.dec0 = dec0;
        this.fk4 = fk4;
    }

    /** The celestial WCS of a header, or why there is none the builder can use. */
    public static Outcome<CelestialWcs> of(FitsHeader header) {
        int naxis = (int) header.integer("NAXIS").orElse(0);
        int lon = 0;
        int lat = 0;
        for (int axis = 1; axis <= naxis; axis++) {
            String type = header.text("CTYPE" + axis).orElse("").toUpperCase(Locale.ROOT);
            if (type.startsWith("RA--") || type.equals("RA")) {
                lon = axis;
            } else if (type.startsWith("DEC-") || type.equals("DEC")) {
                lat = axis;
            } else if (type.startsWith("GLON") || type.startsWith("ELON") || type.startsWith("GLAT")
                    || type.startsWith("ELAT")) {
                return Outcome.missing("CTYPE" + axis + " = '" + type + "': only equatorial (RA/DEC) axes are converted");
            }
        }
        if (lon == 0 || lat == 0) {
            return naxis >= 2 ? Outcome.missing("no RA---xxx / DEC--xxx pair among the CTYPEn keywords")
                    : Outcome.notApplicable();
        }
        String lonType = header.text("CTYPE" + lon).orElseThrow().toUpperCase(Locale.ROOT);
        String code = lonType.length() >= 8 ? lonType.substring(5, 8) : "";
        Optional<Projection> projection = Projection.of(code);
        if (projection.isEmpty()) {
            return Outcome.missing("CTYPE" + lon + " = '" + lonType + "': projection '" + code
                    + "' is not one of TAN, SIN, ARC");
        }
        for (int axis : new int[] {lon, lat}) {
            String unit = header.text("CUNIT" + axis).orElse("deg").toLowerCase(Locale.ROOT);
            if (!unit.startsWith("deg")) {
                return Outcome.missing("CUNIT" + axis + " = '" + unit + "': celestial axes must be in degrees");
            }
        }
        Outcome<Boolean> frame = fk4(header);
        if (frame instanceof Outcome.Missing<Boolean> unsupported) {
            return Outcome.missing(unsupported.reason());
        }
        boolean fk4 = frame.asOptional().orElseThrow();
        OptionalDouble lonPole = header.number("LONPOLE");
        if (lonPole.isPresent() && lonPole.getAsDouble() != 180) {
            return Outcome.missing("LONPOLE = " + lonPole.getAsDouble() + ": only the default 180 is supported");
        }
        long lonLength = header.integer("NAXIS" + lon).orElse(0);
        long latLength = header.integer("NAXIS" + lat).orElse(0);
        if (lonLength <= 0 || latLength <= 0) {
            return Outcome.missing("NAXIS" + lon + " or NAXIS" + lat + " is missing or zero");
        }
        Outcome<double[][]> matrix = LinearTransform.of(header, lon, lat);
        int lonAxis = lon;
        int latAxis = lat;
        return matrix.flatMap(cd -> {
            OptionalDouble ra0 = header.number("CRVAL" + lonAxis);
            OptionalDouble dec0 = header.number("CRVAL" + latAxis);
            if (ra0.isEmpty() || dec0.isEmpty()) {
                return Outcome.missing("CRVAL" + lonAxis + " or CRVAL" + latAxis + " is missing");
            }
            double[] crpix = {header.number("CRPIX" + lonAxis).orElse(0), header.number("CRPIX" + latAxis).orElse(0)};
            return Outcome.of(new CelestialWcs(lonAxis, latAxis, lonLength, latLength, projection.get(), crpix, cd,
                    ra0.getAsDouble(), dec0.getAsDouble(), fk4));
        });
    }

    /**
     * Whether the positions are FK4 B1950 (converted) rather than ICRS or FK5 J2000 (taken as
     * they are); any other frame or equinox is reported.
     */
    private static Outcome<Boolean> fk4(FitsHeader header) {
        OptionalDouble equinox = header.number("EQUINOX");
        if (equinox.isEmpty()) {
            equinox = header.number("EPOCH");
        }
        String frame = header.text("RADESYS").or(() -> header.text("RADECSYS")).map(f -> f.toUpperCase(Locale.ROOT))
                .orElse(equinox.isEmpty() ? "ICRS" : equinox.getAsDouble() < 1984 ? "FK4" : "FK5");
        return switch (frame) {
            case "ICRS" -> Outcome.of(false);
            case "FK5" -> equinox.isEmpty() || Math.abs(equinox.getAsDouble() - 2000) < 1e-6 ? Outcome.of(false)
                    : Outcome.missing("FK5 at equinox " + equinox.getAsDouble() + " is not converted to ICRS");
            case "FK4" -> equinox.isEmpty() || Math.abs(equinox.getAsDouble() - 1950) < 1e-6 ? Outcome.of(true)
                    : Outcome.missing("FK4 at equinox " + equinox.getAsDouble() + " is not converted to ICRS");
            default -> Outcome.missing("frame " + frame + (equinox.isPresent() ? " (EQUINOX " + equinox.getAsDouble() + ")" : "")
                    + " is not converted to ICRS");
        };
    }

    /** The axis numbers (1-based) of right ascension and declination. */
    public int lonAxis() {
        return lonAxis;
    }

    public int latAxis() {
        return latAxis;
    }

    public long lonLength() {
        return lonLength;
    }

    public long latLength() {
        return latLength;
    }

    /** The sky position of a pixel (1-based FITS pixel coordinates along the two celestial axes). */
    public Optional<SkyPosition> toSky(double lonPixel, double latPixel) {
        double dx = lonPixel - crpix[0];
        double dy = latPixel - crpix[1];
        double x = cd[0][0] * dx + cd[0][1] * dy;
        double y = cd[1][0] * dx + cd[1][1] * dy;
        return projection.toNative(x, y).map(nat -> celestial(nat[0], nat[1]))
                .map(position -> fk4 ? Fk4ToIcrs.convert(position) : position);
    }

    /** The centre of the pixel grid. */
    public Optional<SkyPosition> centre() {
        return toSky((lonLength + 1) / 2.0, (latLength + 1) / 2.0);
    }

    /** The outer edges of the corner pixels, counter-clockwise; empty if a corner is off the sky. */
    public Optional<SkyPolygon> footprint() {
        double lo = 0.5;
        double[][] corners = {{lo, lo}, {lonLength + 0.5, lo}, {lonLength + 0.5, latLength + 0.5}, {lo, latLength + 0.5}};
        var vertices = new java.util.ArrayList<SkyPosition>();
        for (double[] corner : corners) {
            Optional<SkyPosition> position = toSky(corner[0], corner[1]);
            if (position.isEmpty()) {
                return Optional.empty();
            }
            vertices.add(position.get());
        }
        return Optional.of(SkyPolygon.counterClockwise(List.copyOf(vertices)));
    }

    /**
     * Native (phi, theta) to (ra, dec) for a zenithal projection: the native pole is at the
     * reference point, phi_p = 180 degrees (paper II, equation 2).
     */
    private SkyPosition celestial(double phiDegrees, double thetaDegrees) {
        double phi = Math.toRadians(phiDegrees - 180);
        double theta = Math.toRadians(thetaDegrees);
        double delta0 = Math.toRadians(dec0);
        double sinDec = Math.sin(theta) * Math.sin(delta0) + Math.cos(theta) * Math.cos(delta0) * Math.cos(phi);
        double dec = Math.asin(Math.clamp(sinDec, -1, 1));
        double ra = Math.toRadians(ra0) + Math.atan2(-Math.cos(theta) * Math.sin(phi),
                Math.sin(theta) * Math.cos(delta0) - Math.cos(theta) * Math.sin(delta0) * Math.cos(phi));
        return new SkyPosition(Math.toDegrees(ra), Math.toDegrees(dec));
    }
}
