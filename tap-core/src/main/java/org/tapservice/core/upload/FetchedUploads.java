package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's uploads with their bytes at hand, in UPLOAD's order; closing deletes what was
 * downloaded for them.
 */
public final class FetchedUploads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FetchedUploads.class);

    /** One table: its name in queries and its bytes. */
    record Fetched(String name, UploadContent content) {

        Fetched {
            requireNonNull(name, "name is null");
            requireNonNull(content, "content is null");
        }
    }

    private final List<Fetched> tables = new ArrayList<>();
    private final List<SpooledTable> downloads = new ArrayList<>();

    FetchedUploads() {
    }

    void add(String name, UploadContent content) {
        tables.add(new Fetched(name, content));
    }

    /** A download to delete on close. */
    void own(SpooledTable download) {
        downloads.add(download);
    }

    List<Fetched> tables() {
        return List.copyOf(tables);
    }

    @Override
    public void close() {
        for (SpooledTable download : downloads) {
            try {
                download.close();
            } catch (Exception e) {
                log.warn("could not delete a downloaded upload: {}", e.getMessage());
            }
        }
        downloads.clear();
    }
}
