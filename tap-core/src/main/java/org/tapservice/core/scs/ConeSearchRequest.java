package org.tapservice.core.scs;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.tap.OutputLimits;

/**
 * A Simple Cone Search 1.1 request, checked (section 2): RA, DEC and SR in decimal degrees
 * (ICRS), required unless MAXREC=0 asks for the metadata only (DALI 1.1 section 3.4.3); VERB 1,
 * 2 or 3 (2 when absent); MAXREC and RESPONSEFORMAT as DALI has them. Parameters the service does
 * not know are ignored, as the standard requires, and named back in a warning.
 *
 * @param cone       the cone; empty for a metadata request without a position
 * @param unknown    the names of the parameters this service ignored, as the client sent them
 */
public record ConeSearchRequest(Optional<Cone> cone, Verbosity verb, long maxrec, Optional<String> responseFormat,
                                List<String> unknown) {

    /** The parameters this service reads; any other is ignored with a warning. */
    static final Set<String> KNOWN = Set.of("RA", "DEC", "SR", "VERB", "MAXREC", "RESPONSEFORMAT");

    /** A cone on the sky, in degrees: its centre (ICRS) and radius. */
    public record Cone(double ra, double dec, double radius) {
    }

    public ConeSearchRequest {
        requireNonNull(cone, "cone is null");
        requireNonNull(verb, "verb is null");
        requireNonNull(responseFormat, "responseFormat is null");
        unknown = List.copyOf(unknown);
    }

    /** Whether the client asked for the response's metadata only (MAXREC=0). */
    public boolean metadataOnly() {
        return maxrec == 0;
    }

    /**
     * @param maxRadius the largest SR this service answers, in degrees
     * @throws TapException a message naming the parameter when one is missing or wrong
     */
    public static ConeSearchRequest parse(DaliParameters parameters, List<String> names, OutputLimits limits,
                                          double maxRadius) {
        long maxrec = limits.maxrec(parameters.get("MAXREC"));
        OptionalDouble ra = number(parameters, "RA");
        OptionalDouble dec = number(parameters, "DEC");
        OptionalDouble sr = number(parameters, "SR");
        Optional<Cone> cone;
        if (ra.isEmpty() && dec.isEmpty() && sr.isEmpty() && maxrec == 0) {
            cone = Optional.empty();
        } else {
            cone = Optional.of(cone(required(ra, "RA", "the right ascension of the cone's centre"),
                    required(dec, "DEC", "the declination of the cone's centre"),
                    required(sr, "SR", "the radius of the cone"), maxRadius));
        }
        List<String> unknown = names.stream()
                .filter(name -> !KNOWN.contains(name.toUpperCase(Locale.ROOT)))
                .distinct()
                .toList();
        return new ConeSearchRequest(cone, verbosity(parameters.get("VERB")), maxrec,
                parameters.get("RESPONSEFORMAT").filter(format -> !format.isBlank()), unknown);
    }

    private static Cone cone(double ra, double dec, double sr, double maxRadius) {
        if (ra < 0 || ra > 360) {
            throw TapException.invalid("RA must be between 0 and 360 degrees, got " + ra);
        }
        if (dec < -90 || dec > 90) {
            throw TapException.invalid("DEC must be between -90 and 90 degrees, got " + dec);
        }
        if (sr < 0) {
            throw TapException.invalid("SR must not be negative, got " + sr);
        }
        if (sr > maxRadius) {
            throw TapException.invalid("SR " + sr + " is larger than this service's largest search radius, "
                    + maxRadius + " degrees; search smaller cones, or use TAP for larger regions");
        }
        return new Cone(ra, dec, sr);
    }

    private static OptionalDouble number(DaliParameters parameters, String name) {
        Optional<String> text = parameters.get(name).filter(value -> !value.isBlank());
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.get().strip());
            if (Double.isFinite(value)) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw TapException.invalid(name + " must be a number of decimal degrees, got '" + text.get() + "'");
    }

    private static double required(OptionalDouble value, String name, String meaning) {
        return value.orElseThrow(() -> TapException.invalid("missing parameter: " + name + " (" + meaning
                + ", in decimal degrees); RA, DEC and SR are required unless MAXREC=0 asks for the metadata only"));
    }

    private static Verbosity verbosity(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return Verbosity.MEDIUM;
        }
        return switch (text.get().strip()) {
            case "1" -> Verbosity.MINIMAL;
            case "2" -> Verbosity.MEDIUM;
            case "3" -> Verbosity.FULL;
            default -> throw TapException.invalid("VERB must be 1, 2 or 3, got '" + text.get() + "'");
        };
    }
}
