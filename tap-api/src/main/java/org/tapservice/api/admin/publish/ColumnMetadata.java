package org.tapservice.api.admin.publish;

import java.util.Optional;

/**
 * What a metadata file says about one column; everything is optional. {@code std} marks a
 * column a standard defines (TAP_SCHEMA.columns.std), such as ObsCore's.
 */
public record ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
        Optional<String> description, Optional<Boolean> principal, Optional<Boolean> std) {

    public static final ColumnMetadata NONE = new ColumnMetadata(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Without a say on std, as most metadata files are. */
    public ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
            Optional<String> description, Optional<Boolean> principal) {
        this(unit, ucd, utype, description, principal, Optional.empty());
    }
}
