package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/**
 * One job parameter as UWS lists it. The id keeps the case the client sent (TAP parameter
 * names are case-insensitive, so lookups ignore case: see {@link Job#parameter(String)});
 * the value is kept verbatim and may be empty.
 *
 * @param byReference the value is a URL where the real value lies (an uploaded table, for
 *                    instance), as the schema's byReference attribute says
 */
public record Parameter(String id, String value, boolean byReference) {

    public Parameter {
        requireNonNull(id, "id is null");
        requireNonNull(value, "value is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
    }

    public static Parameter of(String id, String value) {
        return new Parameter(id, value, false);
    }

    /** Whether this parameter has the name given, ignoring case as DALI does. */
    public boolean isNamed(String name) {
        return id.equalsIgnoreCase(name);
    }
}
