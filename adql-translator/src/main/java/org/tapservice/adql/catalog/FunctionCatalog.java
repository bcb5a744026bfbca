package org.tapservice.adql.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The user-defined functions a query may call. Fixed per deployment, unlike the tables; names
 * are unique ignoring case, since a regular identifier in a query matches any casing.
 */
public record FunctionCatalog(List<UserFunction> functions) {

    private static final FunctionCatalog EMPTY = new FunctionCatalog(List.of());

    public FunctionCatalog {
        functions = List.copyOf(requireNonNull(functions, "functions is null"));
        Set<String> names = new HashSet<>();
        for (UserFunction function : functions) {
            if (!names.add(function.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the function " + function.name() + " is declared twice");
            }
        }
    }

    public static FunctionCatalog empty() {
        return EMPTY;
    }

    public static FunctionCatalog of(UserFunction... functions) {
        return new FunctionCatalog(List.of(functions));
    }

    /** The function a call names; a delimited name must match the declared name exactly. */
    public Optional<UserFunction> find(Identifier name) {
        requireNonNull(name, "name is null");
        return functions.stream().filter(function -> name.matches(function.name())).findFirst();
    }
}
