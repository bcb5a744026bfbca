package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/** Where the bytes of an uploaded table are: DALI's two kinds of upload URI. */
public sealed interface UploadSource {

    /** {@code param:name}: a part of the same multipart/form-data request. */
    record InlinePart(String partName) implements UploadSource {

        public InlinePart {
            requireNonNull(partName, "partName is null");
            if (partName.isEmpty()) {
                throw new IllegalArgumentException("a part needs a name");
            }
        }
    }

    /** An http or https URL the service fetches the table from. */
    record RemoteTable(URI url) implements UploadSource {

        public RemoteTable {
            requireNonNull(url, "url is null");
        }
    }
}
