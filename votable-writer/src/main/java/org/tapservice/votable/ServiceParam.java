package org.tapservice.votable;

import java.util.Objects;

/**
 * A PARAM of a service descriptor (DataLink 1.1 section 4): a fixed value such as the access
 * URL, or an input parameter of the service, whose value may come from a column of the result.
 *
 * @param arraysize  null for a scalar
 * @param value      the value; an input parameter a client fills in has an empty value
 * @param ucd        null for none
 * @param column     for an input parameter taken from each row: the name of that result column,
 *                   which the writer turns into a {@code ref} to its FIELD's ID; null for none
 * @param description null for none
 */
public record ServiceParam(String name, Datatype datatype, String arraysize, String value, String ucd,
                           String column, String description) {

    public ServiceParam {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(datatype, "datatype is null");
        Objects.requireNonNull(value, "value is null");
        ArraySize.parse(arraysize);
    }

    /** A text PARAM with a fixed value, as standardID, accessURL and contentType are. */
    public static ServiceParam text(String name, String value) {
        return new ServiceParam(name, Datatype.CHAR, "*", value, null, null, null);
    }

    /** A text input parameter filled from a result column, row by row. */
    public static ServiceParam fromColumn(String name, String column, String ucd) {
        return new ServiceParam(name, Datatype.CHAR, "*", "", ucd, Objects.requireNonNull(column, "column is null"),
                null);
    }
}
