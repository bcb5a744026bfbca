package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

/**
 * One row of TAP_SCHEMA.columns, with the PostgreSQL column it publishes. Optional texts are
 * null when TAP_SCHEMA has NULL, as in the table itself.
 */
public record ColumnDescription(
        String name,
        String datatype,
        String arraysize,
        String xtype,
        String unit,
        String ucd,
        String utype,
        String description,
        boolean principal,
        boolean indexed,
        boolean std,
        String sqlName) {

    public ColumnDescription {
        requireNonNull(name, "name is null");
        requireNonNull(datatype, "datatype is null");
        requireNonNull(sqlName, "sqlName is null");
    }

    /**
     * The name without delimiters: TAP 1.1 publishes a column whose name is an ADQL reserved
     * word as a delimited identifier ({@code "size"}), while queries, FIELDs and PostgreSQL
     * know it as {@code size}.
     */
    public String identifier() {
        return undelimited(name);
    }

    static String undelimited(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }
}
