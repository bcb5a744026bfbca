package org.tapservice.obscore.derive;

import static java.util.Objects.requireNonNull;

/**
 * The facts about a file that are not in its header: its path relative to the collection's
 * directory (with '/' separators: it becomes part of identifiers and URLs) and its size.
 */
public record DataFile(String relativePath, long bytes) {

    public DataFile {
        requireNonNull(relativePath, "relativePath is null");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes is negative");
        }
    }

    /** The file name without directories and without its FITS extensions. */
    public String baseName() {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return name.replaceFirst("(?i)(\\.(fits|fit|fts))?(\\.gz)?$", "");
    }
}
