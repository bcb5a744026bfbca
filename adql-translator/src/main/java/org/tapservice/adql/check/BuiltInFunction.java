package org.tapservice.adql.check;

import org.tapservice.adql.catalog.Identifier;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The functions ADQL 2.1 defines (math, trigonometry, strings, COALESCE, geometry, units). */
public enum BuiltInFunction {
    ABS, CEILING, DEGREES, EXP, FLOOR, LOG, LOG10, MOD, PI, POWER, RADIANS, RAND, ROUND, SQRT, TRUNCATE,
    SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, COT,
    LOWER, UPPER, COALESCE,
    POINT, CIRCLE, BOX, POLYGON, REGION, CENTROID, AREA, COORD1, COORD2, COORDSYS, CONTAINS, INTERSECTS, DISTANCE,
    IN_UNIT;

    /** Looked up for every function call of every query: a map, not a scan of values(). */
    private static final Map<String, BuiltInFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** The built-in function a call names, if any; delimited names never denote built-ins. */
    public static Optional<BuiltInFunction> named(Identifier name) {
        if (name.delimited()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(name.text().toUpperCase(Locale.ROOT)));
    }
}
