package org.tapservice.adql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A capabilities document built from {@link OptionalFeature#SUPPORTED} promises only what translates. */
class OptionalFeatureTest {

    private static final Map<String, String> USES = Map.ofEntries(
            Map.entry("POINT", "SELECT POINT('ICRS', ra, dec) FROM demo.stars"),
            Map.entry("CIRCLE", "SELECT CIRCLE('ICRS', ra, dec, 1) FROM demo.stars"),
            Map.entry("BOX", "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, BOX('ICRS', 10, 20, 2, 1))"),
            Map.entry("POLYGON", "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON('ICRS', 0, 0, 1, 0, 0, 1))"),
            Map.entry("CONTAINS", "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, CIRCLE('ICRS', 1, 2, 3))"),
            Map.entry("INTERSECTS", "SELECT id FROM demo.stars WHERE 1 = INTERSECTS(CIRCLE(ra, dec, 1), CIRCLE(1, 2, 3))"),
            Map.entry("DISTANCE", "SELECT DISTANCE(pos, POINT('ICRS', 1, 2)) FROM demo.stars"),
            Map.entry("AREA", "SELECT AREA(CIRCLE('ICRS', ra, dec, 1)) FROM demo.stars"),
            Map.entry("COORD1", "SELECT COORD1(pos) FROM demo.stars"),
            Map.entry("COORD2", "SELECT COORD2(pos) FROM demo.stars"),
            Map.entry("COORDSYS", "SELECT COORDSYS(pos) FROM demo.stars"),
            Map.entry("LOWER", "SELECT LOWER(name) FROM demo.stars"),
            Map.entry("UPPER", "SELECT UPPER(name) FROM demo.stars"),
            Map.entry("ILIKE", "SELECT id FROM demo.stars WHERE name ILIKE 'a%'"),
            Map.entry("UNION", "SELECT id FROM demo.stars UNION SELECT id FROM demo.galaxies"),
            Map.entry("EXCEPT", "SELECT id FROM demo.stars EXCEPT SELECT id FROM demo.galaxies"),
            Map.entry("INTERSECT", "SELECT id FROM demo.stars INTERSECT SELECT id FROM demo.galaxies"),
            Map.entry("WITH", "WITH bright AS (SELECT id FROM demo.stars WHERE mag < 5) SELECT id FROM bright"),
            Map.entry("CAST", "SELECT CAST(mag AS INTEGER) FROM demo.stars"),
            Map.entry("COALESCE", "SELECT COALESCE(name, 'none') FROM demo.stars"),
            Map.entry("OFFSET", "SELECT id FROM demo.stars ORDER BY id OFFSET 10"));

    static Stream<OptionalFeature> supported() {
        return OptionalFeature.SUPPORTED.stream();
    }

    @ParameterizedTest
    @MethodSource("supported")
    void everyDeclaredFeatureTranslates(OptionalFeature feature) {
        assertTrue(USES.containsKey(feature.form()), "no query here uses " + feature.form());
        assertDoesNotThrow(() -> new AdqlTranslator().translate(USES.get(feature.form()), TestCatalog.CATALOG,
                OptionalLong.empty()));
    }
}
