package org.tapservice.obscore.load;

import static java.util.Objects.requireNonNull;

import org.tapservice.obscore.ObsCoreRow;
import org.tapservice.obscore.derive.DataFile;

/** A row to load with the file it came from and that file's stored headers. */
public record SourceRecord(DataFile file, byte[] header, ObsCoreRow row) {

    public SourceRecord {
        requireNonNull(file, "file is null");
        requireNonNull(row, "row is null");
        header = header.clone();
    }

    @Override
    public byte[] header() {
        return header.clone();
    }
}
