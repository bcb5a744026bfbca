package org.tapservice.core.vosi;

import static java.util.Objects.requireNonNull;

/**
 * An optional ADQL feature as TAPRegExt declares it: the feature type (an ivo-id such as
 * ivo://ivoa.net/std/TAPRegExt#features-adqlgeo) and its form (CONTAINS, OFFSET, ...).
 */
public record LanguageFeature(String type, String form, String description) {

    public static final String GEOMETRY = "ivo://ivoa.net/std/TAPRegExt#features-adqlgeo";
    public static final String STRING = "ivo://ivoa.net/std/TAPRegExt#features-adql-string";
    public static final String SET_OPERATORS = "ivo://ivoa.net/std/TAPRegExt#features-adql-sets";
    public static final String COMMON_TABLE = "ivo://ivoa.net/std/TAPRegExt#features-adql-common-table";
    public static final String TYPE_CONVERSION = "ivo://ivoa.net/std/TAPRegExt#features-adql-type";
    public static final String UNITS = "ivo://ivoa.net/std/TAPRegExt#features-adql-unit";
    public static final String OFFSET = "ivo://ivoa.net/std/TAPRegExt#features-adql-offset";
    public static final String USER_DEFINED = "ivo://ivoa.net/std/TAPRegExt#features-udf";

    public LanguageFeature {
        requireNonNull(type, "type is null");
        requireNonNull(form, "form is null");
    }

    public static LanguageFeature of(String type, String form) {
        return new LanguageFeature(type, form, null);
    }
}
