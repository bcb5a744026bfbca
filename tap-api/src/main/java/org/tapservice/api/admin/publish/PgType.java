package org.tapservice.api.admin.publish;

/**
 * A column's PostgreSQL type as the catalogue states it: the base type name (domains
 * resolved, element type for arrays), its type modifier (-1 when none) and the declared type
 * for messages.
 */
public record PgType(String name, int typmod, boolean array, String declared) {

    /** The length n of varchar(n) and char(n), if declared. */
    int length() {
        return typmod >= 4 ? typmod - 4 : -1;
    }
}
