package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.tapservice.core.TapException;
import org.tapservice.core.upload.UploadContent;
import org.tapservice.core.upload.UploadParts;

/**
 * The parts of a multipart/form-data request, which {@code param:} upload URIs name. The
 * container has spooled each part to a file of its own (the multipart configuration sets no
 * memory threshold), which can be read as often as a reader needs and is removed when the
 * request ends.
 */
public final class MultipartParts implements UploadParts {

    private final HttpServletRequest request;

    private MultipartParts(HttpServletRequest request) {
        this.request = requireNonNull(request, "request is null");
    }

    /** The parts of the request; none unless it is multipart. */
    public static UploadParts of(HttpServletRequest request) {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        return multipart ? new MultipartParts(request) : UploadParts.none();
    }

    @Override
    public Optional<UploadContent> part(String name) throws IOException {
        try {
            return Optional.ofNullable(request.getPart(name)).map(PartContent::new);
        } catch (ServletException e) {
            throw TapException.invalid("the multipart request body cannot be read: " + e.getMessage());
        }
    }

    private record PartContent(Part part) implements UploadContent {

        @Override
        public Optional<String> contentType() {
            return Optional.ofNullable(part.getContentType());
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(part.getSize());
        }

        @Override
        public InputStream open() throws IOException {
            return part.getInputStream();
        }
    }
}
