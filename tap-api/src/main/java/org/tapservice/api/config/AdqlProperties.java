package org.tapservice.api.config;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;

/**
 * How ADQL is translated ({@code tap.adql.*}): the user-defined functions queries may call
 * besides ADQL's own, each a TAPRegExt signature, the PostgreSQL function it calls and a
 * description for /capabilities (application.yml shows one).
 */
@ConfigurationProperties("tap.adql")
public record AdqlProperties(@DefaultValue List<Function> functions) {

    /** {@code sqlFunction} and {@code description} may be left out (null), as configuration does. */
    public record Function(String signature, String sqlFunction, String description) {
    }

    /**
     * @throws IllegalArgumentException naming the declaration that is wrong, so the service
     *                                  does not start with a function it cannot call
     */
    public FunctionCatalog functionCatalog() {
        return new FunctionCatalog(functions.stream().map(AdqlProperties::declare).toList());
    }

    private static UserFunction declare(Function function) {
        if (function.signature() == null || function.signature().isBlank()) {
            throw new IllegalArgumentException("tap.adql.functions: every function needs a signature");
        }
        UserFunction declared = UserFunction.declare(function.signature());
        declared = present(function.sqlFunction()).map(declared::mappedTo).orElse(declared);
        return present(function.description()).map(declared::describedAs).orElse(declared);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}
