package org.tapservice.api.admin.publish;

import org.tapservice.adql.catalog.Identifier;

/**
 * Column names as TAP_SCHEMA publishes them: the name ADQL users write. A PostgreSQL column
 * called {@code size} or {@code point} collides with an ADQL reserved word, and one called
 * {@code two words} is no ADQL regular identifier; both are published as delimited
 * identifiers ({@code "size"}), which the service's catalogue undelimits again
 * (ColumnDescription.undelimited). Other names are published as they are.
 */
final class AdqlIdentifiers {

    private AdqlIdentifiers() {
    }

    static String column(String name) {
        return Identifier.isRegular(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
