package org.tapservice.obscore.derive;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.obscore.Outcome;
import org.tapservice.obscore.fits.FitsHeader;
import org.tapservice.obscore.units.PhysicalUnit;

/**
 * The wavelength range of a header's spectral axis (FITS WCS paper III, linear axes): the
 * outer edges of the first and last pixel, as vacuum wavelengths in metres. Tolerates what
 * archives write: CTYPE 'LINEAR' (a spectrum whose axis type was never set) when a unit says
 * what it is, and a unit given only in a card's comment. Without any unit, WAVE is in metres as
 * the standard says, but only when that gives an electromagnetic wavelength: 5000 "metres" is
 * an Angstrom value missing its CUNIT, reported rather than loaded.
 */
public record SpectralCoverage(int axis, long length, double minimum, double maximum) {

    /** Shortest and longest wavelengths taken as electromagnetic: gamma rays to long radio waves. */
    private static final double SHORTEST = 1e-16;
    private static final double LONGEST = 1e3;

    private static final Pattern UNIT_WORD = Pattern.compile("[A-Za-z\u00c5\u212b/]+(?:-1)?");

    public static Outcome<SpectralCoverage> of(FitsHeader header) {
        int naxis = (int) header.integer("NAXIS").orElse(0);
        for (int axis = 1; axis <= naxis; axis++) {
            String type = header.text("CTYPE" + axis).orElse("").toUpperCase(Locale.ROOT);
            String base = type.length() > 4 ? type.substring(0, 4) : type;
            switch (base) {
                case "WAVE", "AWAV", "FREQ", "ENER", "WAVN", "LINE", "" -> {
                    if (type.isEmpty() && naxis != 1) {
                        continue;
                    }
                    if (type.length() > 4 && !type.startsWith("LINEAR") && !type.substring(4).replace("-", "").isEmpty()) {
                        return Outcome.missing("CTYPE" + axis + " = '" + type + "': only linear spectral axes are converted");
                    }
                    return axis(header, axis, type);
                }
                default -> {
                    // not a spectral axis
                }
            }
        }
        return Outcome.notApplicable();
    }

    private static Outcome<SpectralCoverage> axis(FitsHeader header, int axis, String type) {
        long length = header.integer("NAXIS" + axis).orElse(0);
        if (length <= 0) {
            return Outcome.missing("NAXIS" + axis + " of the spectral axis is missing or zero");
        }
        OptionalDouble crval = header.number("CRVAL" + axis);
        OptionalDouble step = header.number("CD" + axis + "_" + axis);
        if (step.isEmpty()) {
            step = header.number("CDELT" + axis);
            if (step.isPresent()) {
                step = OptionalDouble.of(step.getAsDouble() * header.number("PC" + axis + "_" + axis).orElse(1));
            }
        }
        if (crval.isEmpty() || step.isEmpty()) {
            return Outcome.missing("axis " + axis + " (" + (type.isEmpty() ? "no CTYPE" : type)
                    + ") lacks CRVAL" + axis + " or CDELT" + axis + "/CD" + axis + "_" + axis);
        }
        double crpix = header.number("CRPIX" + axis).orElse(1);
        double first = crval.getAsDouble() + step.getAsDouble() * (0.5 - crpix);
        double last = crval.getAsDouble() + step.getAsDouble() * (length + 0.5 - crpix);
        Outcome<PhysicalUnit> unit = unit(header, axis, type);
        return unit.flatMap(u -> {
            Optional<Double> a = u.toWavelength(first);
            Optional<Double> b = u.toWavelength(last);
            if (a.isEmpty() || b.isEmpty() || !(a.get() > 0) || !(b.get() > 0)) {
                return Outcome.missing("axis " + axis + " in " + u.name() + " gives no positive wavelength");
            }
            double min = Math.min(a.get(), b.get());
            double max = Math.max(a.get(), b.get());
            if (min < SHORTEST || max > LONGEST) {
                return Outcome.missing("axis " + axis + " (" + (type.isEmpty() ? "no CTYPE" : type) + ") read in "
                        + u.name() + " spans " + min + " to " + max
                        + " m, which is no electromagnetic wavelength: its unit is probably missing (set CUNIT"
                        + axis + " in the mapping's defaults)");
            }
            return Outcome.of(new SpectralCoverage(axis, length, min, max));
        });
    }

    /** CUNITn, else a unit named in the comment of CUNITn, CTYPEn, CDELTn or CRVALn, else the standard's default. */
    private static Outcome<PhysicalUnit> unit(FitsHeader header, int axis, String type) {
        Optional<String> declared = header.text("CUNIT" + axis);
        if (declared.isPresent()) {
            return PhysicalUnit.parse(declared.get()).filter(PhysicalUnit::isSpectral)
                    .<Outcome<PhysicalUnit>>map(Outcome::of)
                    .orElseGet(() -> Outcome.missing("CUNIT" + axis + " = '" + declared.get() + "' is not a spectral unit"));
        }
        for (String keyword : new String[] {"CUNIT" + axis, "CTYPE" + axis, "CDELT" + axis, "CRVAL" + axis}) {
            Optional<PhysicalUnit> fromComment = unitInComment(header.comment(keyword));
            if (fromComment.isPresent()) {
                return Outcome.of(fromComment.get());
            }
        }
        String base = type.length() >= 4 ? type.substring(0, 4) : type;
        return switch (base) {
            case "WAVE", "AWAV" -> Outcome.of(PhysicalUnit.parse("m").orElseThrow());
            case "FREQ" -> Outcome.of(PhysicalUnit.parse("Hz").orElseThrow());
            case "ENER" -> Outcome.of(PhysicalUnit.parse("J").orElseThrow());
            case "WAVN" -> Outcome.of(PhysicalUnit.parse("/m").orElseThrow());
            default -> Outcome.missing("axis " + axis + " (" + (type.isEmpty() ? "no CTYPE" : type)
                    + ") has no CUNIT" + axis + " and no unit in its comments, so what it measures is unknown");
        };
    }

    /** The first word of a comment that names a spectral unit ("Angstroms per pixel", "[nm]"). */
    static Optional<PhysicalUnit> unitInComment(String comment) {
        Matcher words = UNIT_WORD.matcher(comment);
        while (words.find()) {
            String word = words.group();
            // a lone "A" in prose is an article; only "[A]" or "(A)" mean Angstrom
            if (word.equals("A") && !bracketed(comment, words.start(), words.end())) {
                continue;
            }
            Optional<PhysicalUnit> unit = PhysicalUnit.parse(word).filter(PhysicalUnit::isSpectral);
            if (unit.isPresent()) {
                return unit;
            }
        }
        return Optional.empty();
    }

    private static boolean bracketed(String text, int start, int end) {
        return start > 0 && end < text.length() && "[(".indexOf(text.charAt(start - 1)) >= 0
                && "])".indexOf(text.charAt(end)) >= 0;
    }
}
