package org.tapservice.votable;

import java.util.Objects;

/**
 * Everything a FIELD says about a result column; TAP_SCHEMA.columns maps onto it one to one,
 * and the frame its values are given in. Only name and datatype are required.
 *
 * @param arraysize   null for a scalar; otherwise as VOTable writes it: {@code "*"}, {@code "16"},
 *                    {@code "16*"}, {@code "2x3"}, {@code "2x*"}
 * @param frame       the COOSYS or TIMESYS the FIELD refers to; null for none
 */
public record ColumnMetadata(String name, Datatype datatype, String arraysize, String xtype, String unit,
                             String ucd, String utype, String description, Frame frame) {

    public ColumnMetadata {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(datatype, "datatype is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
        ArraySize.parse(arraysize); // reject bad syntax here, not in the middle of a response
    }

    /** A column in no particular frame. */
    public ColumnMetadata(String name, Datatype datatype, String arraysize, String xtype, String unit,
                          String ucd, String utype, String description) {
        this(name, datatype, arraysize, xtype, unit, ucd, utype, description, null);
    }

    /** The same column in the given frame. */
    public ColumnMetadata inFrame(Frame newFrame) {
        return new ColumnMetadata(name, datatype, arraysize, xtype, unit, ucd, utype, description, newFrame);
    }

    /** A column with no metadata beyond its name, datatype and arraysize. */
    public static ColumnMetadata of(String name, Datatype datatype, String arraysize) {
        return new ColumnMetadata(name, datatype, arraysize, null, null, null, null, null);
    }

    /**
     * The Java type every non-null cursor value of this column must have: the boxed scalar,
     * {@code String} for any char column, a primitive array for a numeric array. Unsigned bytes
     * are {@code Short} scalars (Java's byte is signed) but {@code byte[]} arrays, as JDBC gives
     * {@code bytea}. bit is written as boolean ({@code Boolean}/{@code boolean[]}), and a
     * complex value is its (real, imaginary) pairs in a {@code float[]}/{@code double[]}.
     */
    public Class<?> contentClass() {
        if (datatype.isCharacter()) {
            return String.class;
        }
        boolean scalar = ArraySize.parse(arraysize).isScalar();
        return switch (datatype) {
            case BOOLEAN, BIT -> scalar ? Boolean.class : boolean[].class;
            case UNSIGNED_BYTE -> scalar ? Short.class : byte[].class;
            case SHORT -> scalar ? Short.class : short[].class;
            case INT -> scalar ? Integer.class : int[].class;
            case LONG -> scalar ? Long.class : long[].class;
            case FLOAT -> scalar ? Float.class : float[].class;
            case DOUBLE -> scalar ? Double.class : double[].class;
            case FLOAT_COMPLEX -> float[].class;
            case DOUBLE_COMPLEX -> double[].class;
            case CHAR, UNICODE_CHAR -> throw new AssertionError("handled above");
        };
    }

    ArraySize shape() {
        return ArraySize.parse(arraysize);
    }
}
