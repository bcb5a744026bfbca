package org.tapservice.adql.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a user-defined function takes and returns, in the form TAPRegExt declares it:
 * {@code ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER}.
 *
 * @param name a regular identifier with a prefix, e.g. {@code ivo_} or {@code gavo_}
 */
public record FunctionSignature(String name, List<Parameter> parameters, AdqlType returnType) {

    /** ADQL 2.1 asks for a prefix so that a service's functions never clash with future ADQL ones. */
    private static final Pattern PREFIXED_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+");

    /** The reserved words of ADQL that have the shape of a prefixed name. */
    private static final Set<String> RESERVED = Set.of(
            "IN_UNIT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER");

    public record Parameter(String name, AdqlType type) {
        public Parameter {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    public FunctionSignature {
        requireNonNull(name, "name is null");
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
        requireNonNull(returnType, "returnType is null");
        if (!PREFIXED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot name a user-defined function: ADQL 2.1 asks for a name"
                    + " with a prefix, such as ivo_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", ""));
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is a reserved word of ADQL");
        }
        Set<String> seen = new HashSet<>();
        for (Parameter parameter : parameters) {
            if (!seen.add(parameter.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "' of " + name + " is declared twice");
            }
        }
    }

    /**
     * Reads a signature such as {@code gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT};
     * spacing and the case of type names are free.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static FunctionSignature parse(String text) {
        return new SignatureParser(requireNonNull(text, "text is null")).signature();
    }

    /** The signature as a capabilities document's {@code <form>} shows it. */
    public String form() {
        return name + "(" + parameters.stream().map(parameter -> parameter.name() + " " + parameter.type())
                .collect(Collectors.joining(", ")) + ") -> " + returnType;
    }

    @Override
    public String toString() {
        return form();
    }
}
