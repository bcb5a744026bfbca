package org.tapservice.adql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An optional ADQL 2.1 feature, named as ADQL 2.1 and TAPRegExt declare it: a feature type
 * (an IVOA identifier), the feature's form and, for user-defined functions, what it does.
 * {@link #SUPPORTED} lists exactly what this translator implements, so a capabilities document
 * built from it never promises more.
 */
public record OptionalFeature(String type, String form, Optional<String> description) {

    public static final String GEOMETRY = "ivo://ivoa.net/std/TAPRegExt#features-adqlgeo";
    public static final String STRING = "ivo://ivoa.net/std/TAPRegExt#features-adql-string";
    public static final String SETS = "ivo://ivoa.net/std/TAPRegExt#features-adql-sets";
    public static final String COMMON_TABLE = "ivo://ivoa.net/std/TAPRegExt#features-adql-common-table";
    public static final String TYPE = "ivo://ivoa.net/std/TAPRegExt#features-adql-type";
    public static final String OFFSET = "ivo://ivoa.net/std/TAPRegExt#features-adql-offset";
    /** A user-defined function; its form is the signature, e.g. {@code ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER}. */
    public static final String UDF = "ivo://ivoa.net/std/TAPRegExt#features-udf";

    /**
     * What works end to end. Left out until they do: REGION, CENTROID (circles only so far),
     * IN_UNIT (the units feature). COALESCE works but is not declared: its feature type,
     * features-adql-conditional, is new in ADQL 2.1 and validators still in use (stilts taplint
     * 3.4) reject it as an unknown key, failing the whole document. User-defined functions
     * belong to a deployment: {@link AdqlTranslator#features()} adds them.
     */
    public static final List<OptionalFeature> SUPPORTED = List.of(
            new OptionalFeature(GEOMETRY, "POINT"),
            new OptionalFeature(GEOMETRY, "CIRCLE"),
            new OptionalFeature(GEOMETRY, "BOX"),
            new OptionalFeature(GEOMETRY, "POLYGON"),
            new OptionalFeature(GEOMETRY, "CONTAINS"),
            new OptionalFeature(GEOMETRY, "INTERSECTS"),
            new OptionalFeature(GEOMETRY, "DISTANCE"),
            new OptionalFeature(GEOMETRY, "AREA"),
            new OptionalFeature(GEOMETRY, "COORD1"),
            new OptionalFeature(GEOMETRY, "COORD2"),
            new OptionalFeature(GEOMETRY, "COORDSYS"),
            new OptionalFeature(STRING, "LOWER"),
            new OptionalFeature(STRING, "UPPER"),
            new OptionalFeature(STRING, "ILIKE"),
            new OptionalFeature(SETS, "UNION"),
            new OptionalFeature(SETS, "EXCEPT"),
            new OptionalFeature(SETS, "INTERSECT"),
            new OptionalFeature(COMMON_TABLE, "WITH"),
            new OptionalFeature(TYPE, "CAST"),
            new OptionalFeature(OFFSET, "OFFSET"));

    public OptionalFeature {
        requireNonNull(type, "type is null");
        requireNonNull(form, "form is null");
        requireNonNull(description, "description is null");
    }

    public OptionalFeature(String type, String form) {
        this(type, form, Optional.empty());
    }
}
