package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** A downloaded table in a temporary file of its own, deleted on close. */
final class SpooledTable implements UploadContent, AutoCloseable {

    private final Path file;
    private final Optional<String> contentType;

    SpooledTable(Path file, Optional<String> contentType) {
        this.file = requireNonNull(file, "file is null");
        this.contentType = requireNonNull(contentType, "contentType is null");
    }

    @Override
    public Optional<String> contentType() {
        return contentType;
    }

    @Override
    public OptionalLong size() {
        try {
            return OptionalLong.of(Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
