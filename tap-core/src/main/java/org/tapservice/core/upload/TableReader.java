package org.tapservice.core.upload;

import java.io.IOException;

import uk.ac.starlink.table.TableSink;

/**
 * Reads the first table of an upload in one format and hands its metadata, then its rows one by
 * one, to a sink: the rows are never all in memory.
 */
interface TableReader {

    /**
     * @throws IOException a {@link uk.ac.starlink.table.TableFormatException} or other
     *         IOException when the bytes are not a table of this format, or the sink's own
     *         IOException, passed on as it is
     */
    void read(UploadContent content, TableSink sink) throws IOException;

    static TableReader of(UploadFormat format) {
        return switch (format) {
            case VOTABLE -> new VOTableReader();
            case CSV -> new CsvReader();
            case FITS -> new FitsReader();
        };
    }
}
