package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import org.tapservice.adql.catalog.Identifier;

/**
 * One table of a request's UPLOAD parameter (TAP 1.1 section 3.3.5, DALI 1.1 section 3.4.5):
 * queries name it TAP_UPLOAD.{@code name}; its bytes come from {@code source}.
 *
 * @param name an ADQL regular identifier (no reserved word), so that queries can write it as it is
 */
public record TableUpload(String name, UploadSource source) {

    /** The ADQL schema every uploaded table is in. */
    public static final String SCHEMA = "TAP_UPLOAD";

    public TableUpload {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        if (!Identifier.isRegular(name)) {
            throw new IllegalArgumentException("not an ADQL table name: '" + name + "'");
        }
    }
}
