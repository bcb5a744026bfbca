package org.tapservice.core.datalink;

import static java.util.Objects.requireNonNull;

/**
 * One row of a links response, as tap_links.links holds it (DataLink 1.1 section 3.2). Exactly
 * one of accessUrl, serviceDef and errorMessage is set; absent values are null, as in the table.
 */
record Link(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
            String description, String contentType, Long contentLength, String contentQualifier,
            String localSemantics) {

    Link {
        requireNonNull(id, "id is null");
        requireNonNull(semantics, "semantics is null");
    }

    /** DataLink 1.1 section 3.4: an identifier the service does not know gets one row saying so. */
    static Link notFound(String id) {
        return new Link(id, null, null, "NotFoundFault: no links are known for the ID '" + id + "'", DataLink.THIS,
                null, null, null, null, null);
    }

    Object[] row(String baseUrl) {
        return new Object[] {id, accessUrl == null ? null : ServiceUrls.resolve(baseUrl, accessUrl), serviceDef,
                errorMessage, semantics, description, contentType, contentLength, contentQualifier, localSemantics};
    }
}
