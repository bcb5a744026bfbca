package org.tapservice.core.upload;

import java.io.IOException;
import java.util.Optional;

/**
 * The parts of a request that {@code param:} upload URIs name: the multipart/form-data parts of
 * an HTTP request, or the parts an async job stored when it was created.
 */
@FunctionalInterface
public interface UploadParts {

    /** The part of this name, if the request has one. */
    Optional<UploadContent> part(String name) throws IOException;

    /** A request without parts (a GET, a form-encoded POST). */
    static UploadParts none() {
        return name -> Optional.empty();
    }
}
