package org.tapservice.core.upload;

import java.io.IOException;
import java.io.InputStream;

import uk.ac.starlink.fits.FitsTableBuilder;
import uk.ac.starlink.table.TableSink;

/** Streams the first table extension of a FITS upload (BINTABLE or TABLE) with STIL. */
final class FitsReader implements TableReader {

    @Override
    public void read(UploadContent content, TableSink sink) throws IOException {
        try (InputStream in = content.open()) {
            new FitsTableBuilder().streamStarTable(in, sink, null);
        }
    }
}
