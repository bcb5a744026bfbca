package org.tapservice.api.admin.publish;

import java.util.Optional;

/**
 * What a metadata file says about one column; everything is optional. {@code std} marks a
 * column a standard defines (TAP_SCHEMA.columns.std), such as ObsCore's. {@code xtype} asks
 * for another published type than the one the column's PostgreSQL type has ({@link TapType#of(PgType,
 * String)}): a pgsphere shape published as an ADQL REGION, {@code adql:REGION}, as ObsCore's s_region.
 */
public record ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
        Optional<String> description, Optional<Boolean> principal, Optional<Boolean> std,
        Optional<String> xtype) {

    public static final ColumnMetadata NONE = new ColumnMetadata(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** With the type the column's PostgreSQL type gives. */
    public ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
            Optional<String> description, Optional<Boolean> principal, Optional<Boolean> std) {
        this(unit, ucd, utype, description, principal, std, Optional.empty());
    }

    /** Without a say on std, as most metadata files are. */
    public ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
            Optional<String> description, Optional<Boolean> principal) {
        this(unit, ucd, utype, description, principal, Optional.empty());
    }
}
