package org.tapservice.votable;

import java.util.Arrays;

/** The primitive datatypes of VOTable 1.4 (section 2.1), as TAP_SCHEMA.columns.datatype names them. */
public enum Datatype {
    BOOLEAN("boolean"),
    BIT("bit"),
    UNSIGNED_BYTE("unsignedByte"),
    SHORT("short"),
    INT("int"),
    LONG("long"),
    CHAR("char"),
    UNICODE_CHAR("unicodeChar"),
    FLOAT("float"),
    DOUBLE("double"),
    FLOAT_COMPLEX("floatComplex"),
    DOUBLE_COMPLEX("doubleComplex");

    private final String voName;

    Datatype(String voName) {
        this.voName = voName;
    }

    /** The datatype attribute value, e.g. {@code "unicodeChar"}. */
    public String voName() {
        return voName;
    }

    /**
     * The datatype a VOTable datatype attribute names. Case is ignored because TAP_SCHEMA
     * tables filled by hand are not always careful about it.
     *
     * @throws IllegalArgumentException if the name is not a VOTable datatype
     */
    public static Datatype fromVOTable(String name) {
        return Arrays.stream(values())
                .filter(datatype -> datatype.voName.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown VOTable datatype '" + name + "'"));
    }

    boolean isCharacter() {
        return this == CHAR || this == UNICODE_CHAR;
    }

    boolean isComplex() {
        return this == FLOAT_COMPLEX || this == DOUBLE_COMPLEX;
    }
}
