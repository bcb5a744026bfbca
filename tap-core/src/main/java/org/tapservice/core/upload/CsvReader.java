package org.tapservice.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.table.formats.CsvStarTable;
import uk.ac.starlink.table.formats.RowEvaluator;
import uk.ac.starlink.util.Compression;
import uk.ac.starlink.util.DataSource;

/**
 * Reads a CSV upload (RFC 4180, UTF-8, a header line when the first line looks like one) with
 * STIL, which reads the bytes twice: once to find each column's type from all its values, once
 * for the rows. A row with another number of cells than the header is an error.
 *
 * <p>A CSV says nothing of types, so they are chosen for the queries that will use them rather
 * than as tightly as the values allow: whole numbers become int or long (never short, which
 * arithmetic on them would soon overflow), and numbers with a fraction double (never float, which
 * would round a position written with seven digits).
 */
final class CsvReader implements TableReader {

    private static final RowEvaluator.Decoder<?>[] DECODERS = Arrays.stream(RowEvaluator.getStandardDecoders())
            .filter(decoder -> decoder != RowEvaluator.SHORT_DECODER && decoder != RowEvaluator.FLOAT_DECODER)
            .toArray(RowEvaluator.Decoder<?>[]::new);

    @Override
    public void read(UploadContent content, TableSink sink) throws IOException {
        DataSource source = new DataSource() {
            @Override
            protected InputStream getRawInputStream() throws IOException {
                return content.open();
            }
        };
        // compressed bytes are not inflated: a few of them can stand for more than the limits allow
        source.setCompression(Compression.NONE);
        StarTable table = new CsvStarTable(source, StandardCharsets.UTF_8, null, 0, ',', DECODERS);
        sink.acceptMetadata(table);
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                sink.acceptRow(rows.getRow());
            }
        }
        sink.endRows();
    }
}
