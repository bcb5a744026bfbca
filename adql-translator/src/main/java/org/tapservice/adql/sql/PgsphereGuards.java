package org.tapservice.adql.sql;

/**
 * The SQL functions the translated SQL calls instead of pgsphere where pgsphere 1.2.0 would
 * crash the database server or answer nonsense. They are defined by
 * {@code db/migration/R__pgsphere_guards.sql} in this module's resources, which the service's
 * migrations apply (and which must be applied to any database the SQL is to run on).
 */
public final class PgsphereGuards {

    /** The script that defines the guards, as a class path resource. */
    public static final String SCRIPT = "/db/migration/R__pgsphere_guards.sql";

    /**
     * {@code tap_polygon(double precision[])} of longitude, latitude pairs in degrees, or
     * {@code tap_polygon(spoint[])}: the spoly of those vertices, NULL if one is NULL.
     */
    static final String POLYGON = "\"tap_schema\".\"tap_polygon\"";

    private PgsphereGuards() {
    }
}
