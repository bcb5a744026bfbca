package org.tapservice.adql.check;

import org.tapservice.adql.catalog.UserFunction;

import static java.util.Objects.requireNonNull;

/** What a function call turned out to call. */
public sealed interface FunctionBinding {

    /** Whether this is that built-in function. */
    default boolean is(BuiltInFunction function) {
        return this instanceof BuiltIn(BuiltInFunction builtIn) && builtIn == function;
    }

    record BuiltIn(BuiltInFunction function) implements FunctionBinding {
        public BuiltIn {
            requireNonNull(function, "function is null");
        }
    }

    /** A function the service declared, printed as a call of its PostgreSQL function. */
    record User(UserFunction function) implements FunctionBinding {
        public User {
            requireNonNull(function, "function is null");
        }
    }
}
