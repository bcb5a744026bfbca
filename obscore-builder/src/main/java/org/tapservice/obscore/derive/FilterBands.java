package org.tapservice.obscore.derive;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Wavelength ranges (metres, the band's half-maximum edges, rounded) of the broad-band filters
 * whose names are unambiguous: Johnson-Cousins UBVRI, SDSS ugriz and 2MASS JHKs. A FILTER value
 * naming another filter is reported, for the mapping to give em_min and em_max.
 */
public record FilterBands(Map<String, double[]> bands) {

    public static final FilterBands STANDARD = new FilterBands(Map.ofEntries(
            band(330e-9, 400e-9, "U", "JOHNSON U", "BESSELL U"),
            band(390e-9, 490e-9, "B", "JOHNSON B", "BESSELL B"),
            band(500e-9, 590e-9, "V", "JOHNSON V", "BESSELL V"),
            band(570e-9, 720e-9, "R", "COUSINS R", "BESSELL R", "RC"),
            band(720e-9, 880e-9, "I", "COUSINS I", "BESSELL I", "IC"),
            band(320e-9, 385e-9, "SDSS U", "U'", "SDSS-U"),
            band(400e-9, 550e-9, "SDSS G", "G'", "SDSS-G"),
            band(560e-9, 690e-9, "SDSS R", "R'", "SDSS-R"),
            band(700e-9, 830e-9, "SDSS I", "I'", "SDSS-I"),
            band(840e-9, 1000e-9, "SDSS Z", "Z'", "SDSS-Z"),
            band(1.11e-6, 1.36e-6, "J", "2MASS J"),
            band(1.50e-6, 1.80e-6, "H", "2MASS H"),
            band(2.00e-6, 2.31e-6, "KS", "K_S", "2MASS KS")).entrySet().stream()
            .flatMap(e -> e.getValue().names().stream().map(name -> Map.entry(name, e.getValue().range())))
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));

    private record Band(java.util.List<String> names, double[] range) {
    }

    private static Map.Entry<String, Band> band(double min, double max, String... names) {
        return Map.entry(names[0], new Band(java.util.List.of(names), new double[] {min, max}));
    }

    public FilterBands {
        bands = Map.copyOf(bands);
    }

    /** {min, max} in metres of a FILTER value, compared without case and surrounding blanks. */
    public Optional<double[]> range(String filter) {
        double[] range = bands.get(filter.strip().toUpperCase(Locale.ROOT));
        return Optional.ofNullable(range).map(double[]::clone);
    }
}
