package org.tapservice.api.admin.publish;

import java.util.Optional;

/** What a metadata file says about one column; everything is optional. */
public record ColumnMetadata(Optional<String> unit, Optional<String> ucd, Optional<String> utype,
        Optional<String> description, Optional<Boolean> principal) {

    public static final ColumnMetadata NONE = new ColumnMetadata(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
