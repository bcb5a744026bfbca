package org.tapservice.api.admin.publish;

import java.util.Optional;
import java.util.Set;

/**
 * A column's type in TAP_SCHEMA: VOTable datatype, arraysize, DALI xtype and the deprecated
 * TAP 1.0 size (the declared string length, kept because older clients read it).
 */
public record TapType(String datatype, Optional<String> arraysize, Optional<String> xtype,
        Optional<Integer> size) {

    /**
     * TAP 1.0's ADQL REGION, the type ObsCore 1.1 gives s_region: an STC-S string, which the
     * service writes from the pgsphere shape stored (tap-core's StcsRegion).
     */
    public static final TapType REGION = new TapType("char", Optional.of("*"), Optional.of("adql:REGION"),
            Optional.empty());

    /** The pgsphere types the service can write as STC-S. */
    private static final Set<String> PGSPHERE_SHAPES = Set.of("spoint", "scircle", "sbox", "spoly");

    /**
     * The type of a PostgreSQL type published with the xtype its metadata asks for: its own
     * type when that has this xtype, REGION for a pgsphere shape asked to be {@code adql:REGION},
     * else empty (the service could not write its values as that xtype says).
     */
    public static Optional<TapType> of(PgType type, String xtype) {
        Optional<TapType> own = of(type).filter(t -> t.xtype().filter(xtype::equalsIgnoreCase).isPresent());
        if (own.isPresent()) {
            return own;
        }
        boolean region = xtype.equalsIgnoreCase(REGION.xtype().orElseThrow());
        return region && !type.array() && PGSPHERE_SHAPES.contains(type.name()) ? Optional.of(REGION) : Optional.empty();
    }

    /** The TAP type of a PostgreSQL type, or empty when the service cannot serialise it. */
    public static Optional<TapType> of(PgType type) {
        Optional<TapType> scalar = scalar(type);
        if (!type.array()) {
            return scalar;
        }
        // VOTable arrays are one-dimensional here; an array of strings or geometries would
        // need two dimensions, which TAP_SCHEMA's arraysize cannot state usefully.
        return scalar.filter(t -> t.arraysize().isEmpty() && t.xtype().isEmpty())
                .map(t -> new TapType(t.datatype(), Optional.of("*"), Optional.empty(), Optional.empty()));
    }

    private static Optional<TapType> scalar(PgType type) {
        return Optional.ofNullable(switch (type.name()) {
            case "int2" -> plain("short");
            case "int4" -> plain("int");
            case "int8" -> plain("long");
            case "float4" -> plain("float");
            case "float8", "numeric" -> plain("double");
            case "bool" -> plain("boolean");
            // binary data: ADQL's BLOB, an array of unsigned bytes
            case "bytea" -> new TapType("unsignedByte", Optional.of("*"), Optional.empty(), Optional.empty());
            case "text" -> chars("*", -1);
            case "varchar" -> type.length() < 0 ? chars("*", -1) : chars(type.length() + "*", type.length());
            case "bpchar" -> type.length() < 0 ? chars("*", -1) : chars(String.valueOf(type.length()), type.length());
            case "timestamp", "timestamptz", "date" -> extended("char", "*", "timestamp");
            case "spoint" -> extended("double", "2", "point");
            case "scircle" -> extended("double", "3", "circle");
            case "spoly" -> extended("double", "*", "polygon");
            default -> null;
        });
    }

    private static TapType plain(String datatype) {
        return new TapType(datatype, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static TapType chars(String arraysize, int length) {
        return new TapType("char", Optional.of(arraysize), Optional.empty(),
                length < 0 ? Optional.empty() : Optional.of(length));
    }

    private static TapType extended(String datatype, String arraysize, String xtype) {
        return new TapType(datatype, Optional.of(arraysize), Optional.of(xtype), Optional.empty());
    }
}
