package org.tapservice.stress;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Random cone searches over the whole sky, as a Gatling feeder: the ADQL of a TOP 100 cone of
 * 0.1 degree, the query an archive's users send most. Positions are uniform on the sphere.
 */
final class Cones {

    private Cones() {
    }

    static Iterator<Map<String, Object>> feeder(double radius) {
        return Stream.generate(() -> Map.<String, Object>of("cone", query(radius))).iterator();
    }

    static String query(double radius) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double ra = random.nextDouble(360);
        double dec = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
        return "SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS("
                + "POINT('ICRS', ra, dec), CIRCLE('ICRS', %.6f, %.6f, %s))".formatted(ra, dec, radius);
    }
}
