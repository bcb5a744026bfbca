package org.tapservice.obscore.units;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units the builder converts, as FITS headers write them (VOUnit names and the common
 * variants archives use), each with its dimension and its size in SI units of that dimension.
 */
public record PhysicalUnit(String name, Dimension dimension, double toSi) {

    public enum Dimension { LENGTH, FREQUENCY, ENERGY, WAVENUMBER, TIME, ANGLE }

    private static final double ELECTRONVOLT = 1.602176634e-19;

    private static final Map<String, PhysicalUnit> UNITS = Map.ofEntries(
            length("m", 1), length("cm", 1e-2), length("mm", 1e-3), length("um", 1e-6), length("micron", 1e-6),
            length("microns", 1e-6), length("nm", 1e-9), length("angstrom", 1e-10), length("angstroms", 1e-10),
            length("angstroem", 1e-10), length("pm", 1e-12), length("km", 1e3),
            unit("hz", Dimension.FREQUENCY, 1), unit("khz", Dimension.FREQUENCY, 1e3),
            unit("mhz", Dimension.FREQUENCY, 1e6), unit("ghz", Dimension.FREQUENCY, 1e9),
            unit("thz", Dimension.FREQUENCY, 1e12),
            unit("j", Dimension.ENERGY, 1), unit("ev", Dimension.ENERGY, ELECTRONVOLT),
            unit("kev", Dimension.ENERGY, 1e3 * ELECTRONVOLT), unit("mev", Dimension.ENERGY, 1e6 * ELECTRONVOLT),
            unit("gev", Dimension.ENERGY, 1e9 * ELECTRONVOLT),
            unit("/m", Dimension.WAVENUMBER, 1), unit("m-1", Dimension.WAVENUMBER, 1),
            unit("/cm", Dimension.WAVENUMBER, 100), unit("cm-1", Dimension.WAVENUMBER, 100),
            unit("s", Dimension.TIME, 1), unit("sec", Dimension.TIME, 1), unit("ms", Dimension.TIME, 1e-3),
            unit("min", Dimension.TIME, 60), unit("h", Dimension.TIME, 3600), unit("hr", Dimension.TIME, 3600),
            unit("d", Dimension.TIME, 86400), unit("day", Dimension.TIME, 86400),
            unit("deg", Dimension.ANGLE, 1), unit("degree", Dimension.ANGLE, 1), unit("degrees", Dimension.ANGLE, 1),
            unit("arcmin", Dimension.ANGLE, 1 / 60.0), unit("arcsec", Dimension.ANGLE, 1 / 3600.0),
            unit("mas", Dimension.ANGLE, 1 / 3.6e6), unit("rad", Dimension.ANGLE, 180 / Math.PI));

    private static final double SPEED_OF_LIGHT = 299_792_458;
    private static final double PLANCK = 6.62607015e-34;

    private static Map.Entry<String, PhysicalUnit> length(String name, double metres) {
        return unit(name, Dimension.LENGTH, metres);
    }

    private static Map.Entry<String, PhysicalUnit> unit(String name, Dimension dimension, double toSi) {
        return Map.entry(name, new PhysicalUnit(name, dimension, toSi));
    }

    /** A unit by name, ignoring case (angles and time are in SI-like base units: degrees, seconds). */
    public static Optional<PhysicalUnit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toLowerCase(Locale.ROOT);
        // "Angstrom" is sometimes written with the symbol or as a plain "A"
        if (key.equals("\u00e5") || key.equals("\u212b") || text.strip().equals("A")) {
            key = "angstrom";
        }
        return Optional.ofNullable(UNITS.get(key));
    }

    /** A unit of wavelength, frequency, energy or wavenumber. */
    public boolean isSpectral() {
        return switch (dimension) {
            case LENGTH, FREQUENCY, ENERGY, WAVENUMBER -> true;
            default -> false;
        };
    }

    /** The value in this unit converted to {@code target}, which must have the same dimension. */
    public double convert(double value, PhysicalUnit target) {
        if (target.dimension != dimension) {
            throw new IllegalArgumentException("cannot convert " + name + " to " + target.name + ": "
                    + dimension.name().toLowerCase(Locale.ROOT) + " is not " + target.dimension.name().toLowerCase(Locale.ROOT));
        }
        return value * toSi / target.toSi;
    }

    /** A spectral coordinate in this unit as a vacuum wavelength in metres; empty for non-spectral units. */
    public Optional<Double> toWavelength(double value) {
        double si = value * toSi;
        return switch (dimension) {
            case LENGTH -> Optional.of(si);
            case FREQUENCY -> Optional.of(SPEED_OF_LIGHT / si);
            case ENERGY -> Optional.of(PLANCK * SPEED_OF_LIGHT / si);
            case WAVENUMBER -> Optional.of(1 / si);
            default -> Optional.empty();
        };
    }
}
