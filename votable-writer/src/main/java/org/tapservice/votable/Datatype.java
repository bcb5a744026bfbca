package org.tapservice.votable;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Looked up for every column of every result: a map, not a scan of values(). */
    private static final Map<String, Datatype> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(datatype -> datatype.voName.toLowerCase(Locale.ROOT),
                    Function.identity()));

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
        Datatype datatype = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (datatype == null) {
            throw new IllegalArgumentException("unknown VOTable datatype '" + name + "'");
        }
        return datatype;
    }

    boolean isCharacter() {
        return this == CHAR || this == UNICODE_CHAR;
    }

    boolean isComplex() {
        return this == FLOAT_COMPLEX || this == DOUBLE_COMPLEX;
    }
}
