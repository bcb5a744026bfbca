package org.tapservice.votable;

import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.ac.starlink.fits.CardFactory;
import uk.ac.starlink.fits.CardImage;
import uk.ac.starlink.fits.FitsTableSerializer;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.StarTable;

/**
 * A FITS file: an empty primary HDU and the result as a BINTABLE extension, written by STIL.
 * Variable-length arrays (polygons, spectra) go to the heap with P descriptors, so each keeps
 * its own length; integer nulls are TNULL values, float nulls NaN.
 *
 * <p>A BINTABLE header states the row count (NAXIS2) and every column's width before the first
 * row, and an HTTP response cannot be rewound to patch them in. The rows are therefore copied to
 * a temporary file ({@link RowSpool}, at most MAXREC rows, memory flat) and the extension is
 * written from there. The primary HDU depends on no row, so it is sent first: a client sees the
 * response begin as soon as the query does, and a proxy does not time out while the rows are
 * spooled. FITS has no QUERY_STATUS; the extension header carries it as the keyword
 * {@code QSTATUS} ({@code OK} or {@code OVERFLOW}). A cursor failure leaves the file without its
 * table and is rethrown, so the caller aborts the transfer.
 */
final class FitsResultWriter implements ResultWriter {

    private static final FormatDescription DESCRIPTION =
            new FormatDescription("application/fits", List.of("fits"), Optional.empty());

    private final Path spoolDirectory;

    /** Spooling to the system's temporary directory. */
    FitsResultWriter() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    FitsResultWriter(Path spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    public FormatDescription description() {
        return DESCRIPTION;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        FitsTableWriter fits = new FitsTableWriter(); // configured through setters: one per write
        fits.setVarArray(FitsTableWriter.VarArrayMode.P);
        OutputBuffer bytes = OutputBuffer.over(out);
        fits.writePrimaryHDU(bytes);
        bytes.flush();
        CursorStarTable rows = new CursorStarTable(table);
        try (RowSpool spool = RowSpool.copy(rows, spoolDirectory)) {
            CursorStarTable.Outcome outcome = rows.outcome();
            if (outcome.failure() == null) {
                StarTable spooled = spool.table();
                fits.writeTableHDU(spooled, new WithQueryStatus(fits.createSerializer(spooled), outcome.overflow()), bytes);
                bytes.flush();
            }
            return outcome.summaryOrThrow();
        }
    }

    @Override
    public String toString() {
        return "FITS";
    }

    /** STIL's serializer, with the query status among its header cards. */
    private record WithQueryStatus(FitsTableSerializer serializer, boolean overflow) implements FitsTableSerializer {

        @Override
        public CardImage[] getHeader() {
            List<CardImage> cards = new ArrayList<>(List.of(serializer.getHeader()));
            cards.add(CardFactory.DEFAULT.createStringCard("QSTATUS", overflow ? "OVERFLOW" : "OK",
                    "DALI QUERY_STATUS of the result"));
            return cards.toArray(CardImage[]::new);
        }

        @Override
        public void writeData(DataOutput out) throws IOException {
            serializer.writeData(out);
        }

        @Override
        public long getRowCount() {
            return serializer.getRowCount();
        }

        @Override
        public int[] getDimensions(int column) {
            return serializer.getDimensions(column);
        }

        @Override
        public char getFormatChar(int column) {
            return serializer.getFormatChar(column);
        }

        @Override
        public String getBadValue(int column) {
            return serializer.getBadValue(column);
        }
    }
}
